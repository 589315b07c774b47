package org.hvdiag.core.journal;

import java.util.List;
import java.util.Map;

/**
 * One VM's part of a push: what it looked like before, the plan, and, once the push got that far,
 * what it looked like after and how it ended. {@code outcome} is null when the push was interrupted
 * after the before-state was written: such a VM may or may not have changed and must be checked.
 * {@code beforeState} and {@code afterState} are the connector's own restore data.
 */
public record JournalEntry(int seq, String vmId, String vmName, List<String> ruleIds, List<String> changes,
        Map<String, String> before, Map<String, String> beforeState, String outcome, String detail,
        Map<String, String> after, Map<String, String> afterState) {

    public JournalEntry {
        ruleIds = List.copyOf(ruleIds);
        changes = List.copyOf(changes);
        before = Map.copyOf(before);
        beforeState = Map.copyOf(beforeState);
        after = Map.copyOf(after);
        afterState = Map.copyOf(afterState);
        detail = detail == null ? "" : detail;
    }

    public boolean interrupted() {
        return outcome == null;
    }

    JournalEntry withOutcome(String outcome, String detail, Map<String, String> after, Map<String, String> afterState) {
        return new JournalEntry(seq, vmId, vmName, ruleIds, changes, before, beforeState, outcome, detail, after, afterState);
    }
}
