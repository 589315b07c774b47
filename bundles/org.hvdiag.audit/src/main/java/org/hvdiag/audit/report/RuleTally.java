package org.hvdiag.audit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;

/** How many findings one rule produced, split by severity: one bar of the HTML chart and of the workbench chart. */
public record RuleTally(String ruleId, int[] bySeverity) {

    public int count(Severity severity) {
        return bySeverity[severity.ordinal()];
    }

    public int total() {
        int n = 0;
        for (int c : bySeverity) {
            n += c;
        }
        return n;
    }

    /** One tally per rule that has findings, the most frequent first, ties by rule id. */
    public static List<RuleTally> of(List<Finding> findings) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Finding f : findings) {
            counts.computeIfAbsent(f.ruleId(), k -> new int[Severity.values().length])[f.severity().ordinal()]++;
        }
        List<RuleTally> tallies = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            tallies.add(new RuleTally(e.getKey(), e.getValue()));
        }
        tallies.sort(Comparator.comparingInt(RuleTally::total).reversed().thenComparing(RuleTally::ruleId));
        return tallies;
    }
}
