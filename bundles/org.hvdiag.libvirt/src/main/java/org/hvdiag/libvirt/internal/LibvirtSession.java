package org.hvdiag.libvirt.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/** One libvirt connection (qemu:///system, qemu+ssh://..., test:///...): audit, fix and undo. */
public final class LibvirtSession implements Session {
    private final LibvirtLink link;
    private final LiveDomains reader;
    private final Supplier<QemuLogFolder> logs;
    private final DomainEvents events;

    private LibvirtSession(LibvirtLink link, Supplier<QemuLogFolder> logs) {
        this.link = link;
        UsbAliases aliases = new UsbAliases();
        this.reader = new LiveDomains(link, aliases);
        this.logs = logs;
        this.events = new DomainEvents(link.uri(), link.connection(), aliases, reader);
        events.listen();
    }

    public static Session open(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        // Located at each read, not at open: a session daemon creates its log folder when it first
        // starts a domain, which may be while this session is open.
        String override = endpoint.option(QemuLogFolder.OPTION).orElse(null);
        Supplier<QemuLogFolder> logs = () -> QemuLogFolder.locate(endpoint.target(), override,
                Path.of(System.getProperty("user.home")), System.getenv("XDG_CACHE_HOME"));
        return new LibvirtSession(LibvirtLink.open(endpoint.target(), credentials), logs);
    }

    /**
     * The domains' QEMU logs where this machine can read them (see {@link QemuLogFolder}); a
     * remote host's logs are a note saying where they are. Beside them, the lifecycle and USB
     * device events this session received since it opened (see {@link DomainEvents}), without the
     * starts and stops the log has too ({@link EventMerge}).
     */
    @Override
    public List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) {
        progress.begin("Reading the QEMU logs of " + vms.size() + " domain(s)", vms.size());
        QemuLogFolder logs = this.logs.get();
        List<VmEvidence> out = new ArrayList<>(vms.size());
        for (Vm vm : vms) {
            VmEvidence e;
            if (!logs.readable()) {
                e = VmEvidence.unreadable(vm.id(), vm.name(), logs.note());
            } else if (!Files.isDirectory(logs.folder())) {
                e = VmEvidence.unreadable(vm.id(), vm.name(), "the QEMU log folder " + logs.folder()
                        + " does not exist or is not a folder");
            } else {
                e = QemuLogs.read(logs.folder(), vm, window);
            }
            out.add(withEvents(e, vm, window));
            progress.worked(1);
        }
        return out;
    }

    private VmEvidence withEvents(VmEvidence fromLog, Vm vm, EvidenceWindow window) {
        List<String> notes = new ArrayList<>(fromLog.notes());
        List<VmEvent> received = events.events(vm, window, notes);
        return new VmEvidence(fromLog.vmId(), fromLog.vmName(), EventMerge.merge(fromLog.events(), received), notes,
                fromLog.bytesRead());
    }

    @Override
    public Inventory inventory(Progress progress) throws ConnectorException {
        return reader.inventory(progress);
    }

    @Override
    public List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        return new LibvirtPush(link, reader).apply(plans, journal, progress);
    }

    @Override
    public List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return new LibvirtUndo(link, reader).undo(entries, progress);
    }

    @Override
    public void close() {
        events.close();
        link.close();
    }
}
