package org.hvdiag.core.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Progress;

/**
 * The order every connector's undo takes: newest journal entry first, so a VM fixed twice goes back
 * through its later state to its first one. One VM's failure does not stop the others; a cancel
 * stops before the next VM, and those not reached are SKIPPED.
 */
public final class UndoOrder {
    private UndoOrder() {
    }

    public static List<ApplyResult> newestFirst(List<JournalEntry> entries, Progress progress, String task,
            Function<JournalEntry, ApplyResult> restore) {
        List<JournalEntry> newestFirst = new ArrayList<>(entries);
        Collections.reverse(newestFirst);
        progress.begin(task, entries.size());
        List<ApplyResult> results = new ArrayList<>();
        for (JournalEntry e : newestFirst) {
            if (progress.isCanceled()) {
                results.add(new ApplyResult(e.vmId(), e.vmName(), ApplyResult.Outcome.SKIPPED, "cancelled", null));
                continue;
            }
            results.add(restore.apply(e));
            progress.worked(1);
        }
        return results;
    }
}
