package org.hvdiag.virtualbox.internal;

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
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/**
 * A .vbox file, saved showvminfo output, or a folder of them, audited only. Holds nothing open: every inventory reads the
 * files afresh. Every push and undo is refused: VirtualBox keeps a registered VM's settings in
 * memory and writes them back over the file, so an edit would be lost or, worse, half kept.
 */
public final class VboxFileSession extends AuditOnlySession {

    public static final String REFUSAL = "VirtualBox rewrites .vbox files while it runs; fix this VM through the "
            + "VirtualBox web service instead (vbox://user@host)";

    private final String target;
    private final Path root;
    private final VboxHostFacts.Stated stated;
    private final VBoxManageCommand vboxManage;

    VboxFileSession(String target, Path root, VboxHostFacts.Stated stated, VBoxManageCommand vboxManage) {
        super(REFUSAL);
        this.target = target;
        this.root = root;
        this.stated = stated;
        this.vboxManage = vboxManage;
    }

    /** A session on an existing .vbox file or folder; the endpoint's options are checked here. */
    public static Session open(Path target, Endpoint endpoint) throws ConnectorException {
        return open(target, endpoint, VBoxManageCommand.onPath());
    }

    static VboxFileSession open(Path target, Endpoint endpoint, VBoxManageCommand vboxManage) throws ConnectorException {
        if (!Files.exists(target)) {
            throw new ConnectorException(target + ": no such file or folder (expected a .vbox file, saved VBoxManage showvminfo output, or a folder of them)");
        }
        return new VboxFileSession(endpoint.target(), target, VboxHostFacts.stated(endpoint), vboxManage);
    }

    @Override
    public Inventory inventory(Progress progress) {
        progress.begin("Reading VirtualBox settings files in " + root, 1);
        VboxFolder.Listing listing = VboxFolder.read(root);
        Host host = VboxHostFacts.describe(stated, vboxManage);
        List<Vm> vms = new ArrayList<>();
        for (MachineFacts m : listing.machines()) {
            vms.add(MachineMapping.toVm(m, host.id()));
        }
        progress.worked(1);
        return new Inventory(target, Instant.now(), List.of(host), vms, listing.errors());
    }

    /**
     * Reads Logs/VBox.log[.N] beside each VM's .vbox file. A VM read from saved showvminfo output has
     * no machine folder here, and a folder without logs (a VM never started, logs deleted or moved by
     * VBOX_USER_VMLOGDIR) gets a note naming where hvdiag looked.
     */
    @Override
    public List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) {
        progress.begin("Reading VBox.log files", vms.size());
        List<VmEvidence> out = new ArrayList<>();
        for (Vm vm : vms) {
            out.add(evidence(vm, window));
            progress.worked(1);
        }
        return out;
    }

    private static VmEvidence evidence(Vm vm, EvidenceWindow window) {
        String source = vm.source();
        if (source.isEmpty() || !VboxFolder.isVboxName(source)) {
            return VmEvidence.unreadable(vm.id(), vm.name(), (source.isEmpty() ? "this VM" : source)
                    + " is not a .vbox file in a machine folder, so there is no VBox.log beside it; "
                    + "read the VM's folder (its .vbox file and Logs/) instead");
        }
        Path settings;
        try {
            settings = Path.of(source);
        } catch (java.nio.file.InvalidPathException e) {
            return VmEvidence.unreadable(vm.id(), vm.name(), source + ": not a path on this machine");
        }
        List<LogFile> logs = VboxLogFolder.beside(settings);
        if (logs.isEmpty()) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "no VBox.log in " + VboxLogFolder.folder(settings)
                    + " (the VM never ran here, or its logs were deleted or moved with VBOX_USER_VMLOGDIR)");
        }
        return VboxLogRead.read(vm, logs, window);
    }
}
