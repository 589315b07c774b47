package org.hvdiag.core.connector;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;

/**
 * A session over files the hypervisor owns (VirtualBox's .vbox, libvirt's domain XML): read for
 * audits, never written. Every fix and undo is skipped with the reason, which names where to fix.
 */
public abstract class AuditOnlySession implements Session {
    private final String refusal;

    protected AuditOnlySession(String refusal) {
        this.refusal = refusal;
    }

    @Override
    public final List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        List<ApplyResult> results = new ArrayList<>();
        for (ChangePlan p : plans) {
            results.add(new ApplyResult(p.vmId(), p.vmName(), ApplyResult.Outcome.SKIPPED, refusal, null));
        }
        return results;
    }

    @Override
    public final List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        List<ApplyResult> results = new ArrayList<>();
        for (JournalEntry e : entries) {
            results.add(new ApplyResult(e.vmId(), e.vmName(), ApplyResult.Outcome.SKIPPED, refusal, null));
        }
        return results;
    }

    @Override
    public void close() {
        // nothing held open: the files were read and closed
    }
}
