package org.hvdiag.libvirt.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.AuditOnlySession;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/**
 * A domain XML file or a folder of them, audited only. Holds nothing open: every inventory reads
 * the files afresh. Every push and undo is refused: libvirtd keeps defined domains in memory and
 * rewrites /etc/libvirt/qemu itself, so an edit of the file would be ignored or overwritten.
 */
public final class DomainFileSession extends AuditOnlySession {

    public static final String REFUSAL = "libvirt owns its domain XML; fix through the libvirt connection (qemu:///system)";

    private final String target;
    private final Path root;
    private final LibvirtHostFacts.Stated stated;
    /** The folder the {@link QemuLogFolder#OPTION} names, or null: then each domain's own folder. */
    private final Path logFolder;

    DomainFileSession(String target, Path root, LibvirtHostFacts.Stated stated, Path logFolder) {
        super(REFUSAL);
        this.target = target;
        this.root = root;
        this.stated = stated;
        this.logFolder = logFolder;
    }

    public static Session open(Path target, Endpoint endpoint) throws ConnectorException {
        if (!Files.exists(target)) {
            throw new ConnectorException(target + ": no such file or folder (expected a libvirt domain XML file or a folder of them)");
        }
        return new DomainFileSession(endpoint.target(), target, LibvirtHostFacts.stated(endpoint),
                endpoint.option(QemuLogFolder.OPTION).map(Path::of).orElse(null));
    }

    @Override
    public Inventory inventory(Progress progress) {
        progress.begin("Reading libvirt domain XML files in " + root, 1);
        DomainFolder.Listing listing = DomainFolder.read(root);
        Host host = LibvirtHostFacts.describe(stated);
        List<Vm> vms = new ArrayList<>();
        for (DomainFacts d : listing.domains()) {
            vms.add(DomainMapping.toVm(d, host.id()));
        }
        progress.worked(1);
        return new Inventory(target, Instant.now(), List.of(host), vms, listing.errors());
    }

    /**
     * A domain's QEMU log travels with its XML: NAME.log beside NAME.xml, or in a {@code log}
     * folder beside it (the layout of a copied /etc/libvirt/qemu plus /var/log/libvirt/qemu, as
     * examples/libvirt-lab keeps them), or in the folder the option names.
     */
    @Override
    public List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) {
        progress.begin("Reading the QEMU logs of " + vms.size() + " domain(s)", vms.size());
        List<VmEvidence> out = new ArrayList<>(vms.size());
        for (Vm vm : vms) {
            out.add(QemuLogs.read(folderOf(vm), vm, window));
            progress.worked(1);
        }
        return out;
    }

    private Path folderOf(Vm vm) {
        if (logFolder != null) {
            return logFolder;
        }
        Path xml = Path.of(vm.source());
        Path beside = xml.getParent() == null ? Path.of(".") : xml.getParent();
        Path sub = beside.resolve("log");
        return !Files.exists(beside.resolve(vm.name() + ".log")) && Files.exists(sub.resolve(vm.name() + ".log"))
                ? sub : beside;
    }
}
