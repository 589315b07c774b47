package org.hvdiag.vmx.internal;

import java.nio.file.Path;
import java.util.List;

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
        List<VmEvidence> out = new java.util.ArrayList<>(vms.size());
        progress.begin("Reading vmware.log files", vms.size());
        for (Vm vm : vms) {
            if (progress.isCanceled()) {
                out.add(VmEvidence.unreadable(vm.id(), vm.name(), "not read: the evidence read was cancelled"));
                continue;
            }
            out.add(VmxEvidence.read(vm, window));
            progress.worked(1);
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held open
    }
}
