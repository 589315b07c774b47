package org.hvdiag.vmx.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/** A .vmx file or a folder of them. Holds nothing open: every call reads the files afresh. */
public final class VmxSession implements Session {
    private final String target;
    private final Path root;
    private final HostFacts.Overrides overrides;

    public VmxSession(String target, Path root, HostFacts.Overrides overrides) {
        this.target = target;
        this.root = root;
        this.overrides = overrides;
    }

    @Override
    public Inventory inventory(Progress progress) throws ConnectorException {
        return VmxInventory.read(target, root, overrides, progress);
    }

    @Override
    public List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        return new VmxPush(HostFacts.HOST_ID).apply(plans, journal, progress);
    }

    @Override
    public List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return new VmxUndo(HostFacts.HOST_ID).undo(entries, progress);
    }

    /** Each VM's vmware.log and its rotated predecessors in the .vmx's folder, newest first. */
    @Override
    public List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) {
        progress.begin("Reading vmware.log files", vms.size());
        int threads = Math.min(vms.size(), Math.min(MAX_READERS, Runtime.getRuntime().availableProcessors()));
        if (threads <= 1) {
            List<VmEvidence> out = new ArrayList<>(vms.size());
            for (Vm vm : vms) {
                if (progress.isCanceled()) {
                    out.add(cancelled(vm));
                    continue;
                }
                out.add(VmxEvidence.read(vm, window));
                progress.worked(1);
            }
            return out;
        }
        return readInParallel(vms, window, progress, threads);
    }

    /** Reader threads for a fleet: each VM's read is one stream of page-cache copies and parsing, so two cores are busy. */
    static final int MAX_READERS = 4;

    /**
     * Reads the VMs on {@code threads} threads, at most twice as many reads in flight, and returns
     * them in the VMs' order. Progress and cancel stay on the calling thread: it waits for the
     * reads in order, reports each, and checks cancel before it starts another; on cancel the
     * reads not started are cancelled, those under way finish and count.
     */
    private static List<VmEvidence> readInParallel(List<Vm> vms, EvidenceWindow window, Progress progress, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hvdiag vmware.log reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<VmEvidence> out = new ArrayList<>(vms.size());
            Deque<Future<VmEvidence>> inFlight = new ArrayDeque<>();
            int next = 0;
            boolean cancelled = false;
            while (out.size() < vms.size()) {
                while (!cancelled && next < vms.size() && inFlight.size() < 2 * threads) {
                    if (progress.isCanceled()) {
                        cancelled = true;
                        break;
                    }
                    Vm vm = vms.get(next++);
                    inFlight.addLast(pool.submit(() -> VmxEvidence.read(vm, window)));
                }
                if (inFlight.isEmpty()) {
                    // cancelled: the VMs not started
                    out.add(cancelled(vms.get(out.size())));
                    continue;
                }
                Future<VmEvidence> f = inFlight.removeFirst();
                Vm vm = vms.get(out.size());
                if (cancelled && f.cancel(false)) {
                    out.add(cancelled(vm));
                    continue;
                }
                out.add(result(vm, f));
                progress.worked(1);
                if (!cancelled && progress.isCanceled()) {
                    cancelled = true;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static VmEvidence result(Vm vm, Future<VmEvidence> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            // as the one-thread read: what VmxEvidence.read throws reaches the caller
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static VmEvidence cancelled(Vm vm) {
        return VmEvidence.unreadable(vm.id(), vm.name(), "not read: the evidence read was cancelled");
    }

    @Override
    public void close() {
        // nothing held open
    }
}
