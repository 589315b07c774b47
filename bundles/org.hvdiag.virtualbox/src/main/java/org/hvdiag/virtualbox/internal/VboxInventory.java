package org.hvdiag.virtualbox.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.Vm;

/**
 * Reads the machines of one vboxwebsrv. The web service answers one property per call, so machines
 * are read {@value #IN_FLIGHT} at a time over as many keep-alive connections: the round trips
 * overlap instead of adding up. One machine that cannot be read (inaccessible settings, removed
 * meanwhile) is an error naming it; the others are still read.
 */
final class VboxInventory {
    static final int IN_FLIGHT = 8;

    /** A machine as read: its reference in this websession, VirtualBox's facts, and the model's VM. */
    record Read(String ref, MachineFacts facts, Vm vm) {
    }

    private final WebSession ws;
    private final String hostId;

    VboxInventory(WebSession ws, String hostId) {
        this.ws = ws;
        this.hostId = hostId;
    }

    Inventory all(String target, Host host, Progress progress) throws ConnectorException {
        List<String> machines = ws.web().call("IVirtualBox_getMachines", "_this", ws.virtualBox()).array();
        progress.begin("Reading " + machines.size() + " VMs from " + ws.web().url().hostAndPort(), machines.size());
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "hvdiag-vbox-read");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Read>> reads = new ArrayList<>();
            for (String m : machines) {
                reads.add(pool.submit(() -> {
                    if (progress.isCanceled()) {
                        return null;
                    }
                    Read r = read(m);
                    progress.worked(1);
                    return r;
                }));
            }
            List<Vm> vms = new ArrayList<>();
            List<ObjectError> errors = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                try {
                    Read r = reads.get(i).get();
                    if (r != null) {
                        vms.add(r.vm());
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof VboxFault f) {
                        errors.add(new ObjectError("machine " + machines.get(i), "", f.getMessage()));
                    } else if (cause instanceof ConnectorException c) {
                        throw c;
                    } else {
                        throw new ConnectorException("reading machine " + machines.get(i) + " failed: " + cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException("interrupted while reading VMs from " + ws.web().url().hostAndPort());
                }
            }
            if (progress.isCanceled()) {
                throw new ConnectorException("cancelled while reading VMs from " + ws.web().url().hostAndPort());
            }
            return new Inventory(target, Instant.now(), List.of(host), vms, errors);
        } finally {
            pool.shutdownNow();
            // Readers still in a call finish it before the caller logs off: nothing is asked of the
            // server after the websession is gone.
            try {
                pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Read read(String machine) throws ConnectorException {
        MachineFacts facts = new MachineRead(ws).read(machine);
        return new Read(machine, facts, MachineMapping.toVm(facts, hostId));
    }

    /** The machine with this UUID as it is now; null when VirtualBox no longer has it. */
    Read find(String uuid) throws ConnectorException {
        String ref;
        try {
            ref = ws.web().call("IVirtualBox_findMachine", "_this", ws.virtualBox(), "nameOrId", uuid).value();
        } catch (VboxFault f) {
            if (f.resultCode() == VboxFault.VBOX_E_OBJECT_NOT_FOUND) {
                return null;
            }
            throw f;
        }
        return read(ref);
    }
}
