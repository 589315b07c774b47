package org.hvdiag.core.connector;

import java.util.List;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/** One open connection to a hypervisor target. */
public interface Session extends AutoCloseable {

    Inventory inventory(Progress progress) throws ConnectorException;

    /**
     * Applies each plan to its VM: re-reads the VM, refuses it when a precondition no longer holds,
     * journals its before-state, changes it, re-reads it and reports what actually holds. One VM
     * failing does not stop the others; a cancel stops before the next VM.
     */
    List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) throws ConnectorException;

    /**
     * Restores each journalled VM to its before-state, refusing a VM that has changed since the push
     * and a change that is one-way.
     */
    List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) throws ConnectorException;

    /**
     * Reads what the hypervisor's own logs say happened to each VM within the window, reading at
     * most the window's byte bound per VM, newest first. A VM whose logs cannot be read gets a
     * {@link VmEvidence} with a note saying why, never an exception: one missing log does not hide
     * the others. Results are in the order of {@code vms}.
     */
    default List<VmEvidence> evidence(List<Vm> vms, EvidenceWindow window, Progress progress) throws ConnectorException {
        return vms.stream()
                .map(vm -> VmEvidence.unreadable(vm.id(), vm.name(), "this connector reads no hypervisor logs"))
                .toList();
    }

    @Override
    void close();
}
