package org.hvdiag.core.connector;

import java.util.List;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.model.Inventory;

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

    @Override
    void close();
}
