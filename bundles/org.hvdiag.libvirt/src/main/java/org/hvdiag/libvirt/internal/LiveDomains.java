package org.hvdiag.libvirt.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.libvirt.NodeInfo;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.Vm;

/**
 * Reads a libvirt connection's domains into the model: the domains and their states in three list
 * calls, the host's capabilities and CPU/memory once, then each domain's XML (its definition, and
 * for an active domain also the live XML) from a few threads at once, because libvirt has no call
 * that returns many domains' XML and one round trip per domain, waited for in turn, is what makes
 * a plain virsh loop slow.
 */
final class LiveDomains {
    /** Enough calls in flight to hide the round trips; the daemon serves them with its own workers. */
    private static final int READERS = 4;

    /** One domain as read: its handle, its definition as libvirt wrote it, both XMLs' facts and the model. */
    record Read(LibvirtLink.Listed domain, String configXml, String liveXml, DomainFacts live, DomainFacts config, Vm vm) {
        boolean running() {
            return !domain.state().isOff();
        }
    }

    private final LibvirtLink link;
    private final UsbAliases aliases;
    private Host host;

    LiveDomains(LibvirtLink link) {
        this(link, null);
    }

    /** @param aliases learns the device aliases of every running domain read, for device events; may be null */
    LiveDomains(LibvirtLink link, UsbAliases aliases) {
        this.link = link;
        this.aliases = aliases;
    }

    Inventory inventory(Progress progress) throws ConnectorException {
        progress.begin("Reading libvirt domains from " + link.uri(), 3);
        Host h = host();
        progress.worked(1);
        List<LibvirtLink.Listed> listed = link.domains();
        progress.worked(1);
        List<Vm> vms = new ArrayList<>(listed.size());
        List<ObjectError> errors = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(READERS, listed.size())), r -> {
            Thread t = new Thread(r, "hvdiag libvirt reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Read>> reads = new ArrayList<>(listed.size());
            for (LibvirtLink.Listed d : listed) {
                reads.add(pool.submit(() -> read(d)));
            }
            for (int i = 0; i < reads.size(); i++) {
                try {
                    vms.add(reads.get(i).get().vm());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnreadableFile u) {
                        errors.add(u.toError());
                    } else if (e.getCause() instanceof ConnectorException c) {
                        if (org.hvdiag.core.connector.NetworkFailure.isConnectionLost(c)) {
                            throw c;
                        }
                        // The domain went away between the listing and its XML: not an error of the fleet.
                        if (link.find(listed.get(i).uuid()) != null) {
                            errors.add(new ObjectError(link.uri() + " domain " + listed.get(i).name(), "", c.getMessage()));
                        }
                    } else {
                        throw new ConnectorException("reading domain " + listed.get(i).name() + " from " + link.uri()
                                + " failed: " + e.getCause(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while reading the domains of " + link.uri());
        } finally {
            pool.shutdownNow();
        }
        progress.worked(1);
        return new Inventory(link.uri(), Instant.now(), List.of(h), vms, errors);
    }

    /** One domain by UUID, read afresh; null when it no longer exists. */
    Read find(String uuid) throws ConnectorException, UnreadableFile {
        LibvirtLink.Listed d = link.find(uuid);
        return d == null ? null : read(d);
    }

    Read read(LibvirtLink.Listed d) throws ConnectorException, UnreadableFile {
        String name = link.uri() + " domain " + d.name();
        String configXml = link.xml(d, true, false);
        DomainFacts config = DomainXml.read(name, configXml);
        String liveXml = d.state().isOff() ? configXml : link.xml(d, false, false);
        DomainFacts live = d.state().isOff() ? config : DomainXml.read(name, liveXml);
        Vm vm = DomainMapping.toVm(live, d.state().isOff() ? null : config, d.state(), host().id());
        if (aliases != null && !d.state().isOff()) {
            aliases.learn(vm, liveXml);
        }
        return new Read(d, configXml, liveXml, live, config, vm);
    }

    /** The host once per session: its capabilities do not change while hvdiag looks. */
    synchronized Host host() throws ConnectorException {
        if (host == null) {
            String name = link.hostName();
            NodeInfo node = link.node();
            try {
                host = new Host(name, name, HypervisorKind.LIBVIRT, link.versions(), node.sockets * node.nodes,
                        node.sockets * node.nodes * node.cores, node.cpus, node.memory / 1024,
                        HostCapabilities.newestMachine(link.uri() + " capabilities", link.capabilities()), List.of(), false);
            } catch (UnreadableFile e) {
                throw new ConnectorException(e.toError().toString());
            }
        }
        return host;
    }
}
