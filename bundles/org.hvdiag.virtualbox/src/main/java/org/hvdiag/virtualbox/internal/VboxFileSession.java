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
}
