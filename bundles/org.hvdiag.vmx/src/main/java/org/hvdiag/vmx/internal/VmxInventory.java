package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.Vm;

/**
 * Reads every .vmx of a file target into an {@link Inventory}. Files are read on two threads in
 * batches; a bad file becomes an error beside the others, never the end of the read.
 */
final class VmxInventory {
    /** Files per task: enough to make handing out work cheap, few enough for smooth progress. */
    private static final int BATCH = 32;
    private static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    /** What reading one batch gave. */
    private record Batch(int size, List<Vm> vms, List<ObjectError> errors) { }

    private VmxInventory() {
    }

    static Inventory read(String target, Path root, HostFacts.Overrides overrides, Progress progress)
            throws ConnectorException {
        if (!Files.exists(root)) {
            throw new ConnectorException("no such file or folder: " + target);
        }
        List<ObjectError> errors = new ArrayList<>();
        List<Path> files;
        Path hostFolder;
        if (Files.isDirectory(root)) {
            try {
                VmxFolder.Listing listing = VmxFolder.list(root);
                files = listing.files();
                errors.addAll(listing.errors());
            } catch (IOException e) {
                throw new ConnectorException("cannot list " + target + ": " + e.getMessage(), e);
            }
            hostFolder = root;
        } else {
            files = List.of(root);
            hostFolder = root.toAbsolutePath().getParent();
        }
        HostFacts.Result host = HostFacts.describe(hostFolder, overrides);
        errors.addAll(host.errors());

        progress.begin("Reading " + files.size() + " .vmx files in " + target, files.size());
        List<Vm> vms = new ArrayList<>(files.size());
        List<ObjectError> fileErrors = new ArrayList<>();
        readAll(files, host.host(), progress, vms, fileErrors);
        vms.sort(Comparator.comparing(Vm::id));
        fileErrors.sort(Comparator.comparing(ObjectError::object));
        errors.addAll(fileErrors);
        return new Inventory(target, Instant.now(), List.of(host.host()), vms, errors);
    }

    private static void readAll(List<Path> files, Host host, Progress progress, List<Vm> vms, List<ObjectError> errors)
            throws ConnectorException {
        if (files.size() <= BATCH) {
            for (Path f : files) {
                checkCancel(progress);
                collect(readBatch(List.of(f), host.id()), progress, vms, errors);
            }
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "hvdiag-vmx-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Batch> done = new ExecutorCompletionService<>(pool);
            int batches = 0;
            for (int i = 0; i < files.size(); i += BATCH) {
                List<Path> slice = files.subList(i, Math.min(files.size(), i + BATCH));
                done.submit(() -> readBatch(slice, host.id()));
                batches++;
            }
            for (int i = 0; i < batches; i++) {
                checkCancel(progress);
                collect(done.take().get(), progress, vms, errors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("reading the .vmx files was interrupted", e);
        } catch (ExecutionException e) {
            throw new ConnectorException("reading the .vmx files failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkCancel(Progress progress) throws ConnectorException {
        if (progress.isCanceled()) {
            throw new ConnectorException("reading the .vmx files was cancelled");
        }
    }

    private static void collect(Batch b, Progress progress, List<Vm> vms, List<ObjectError> errors) {
        vms.addAll(b.vms());
        errors.addAll(b.errors());
        progress.worked(b.size());
    }

    private static Batch readBatch(List<Path> files, String hostId) {
        List<Vm> vms = new ArrayList<>(files.size());
        List<ObjectError> errors = new ArrayList<>(0);
        for (Path f : files) {
            try {
                VmReader.Reading r = VmReader.read(f, hostId);
                vms.add(r.vm());
                errors.addAll(r.errors());
            } catch (VmxFileException e) {
                errors.add(e.toObjectError());
            } catch (RuntimeException e) {
                // A bug on one odd file must not cost the admin the other thousands.
                errors.add(new ObjectError(f.toString(), "", "could not be read: " + e));
            }
        }
        return new Batch(files.size(), vms, errors);
    }
}
