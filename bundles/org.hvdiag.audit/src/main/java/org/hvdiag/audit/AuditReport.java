package org.hvdiag.audit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.model.ObjectError;

/**
 * The outcome of auditing one or more targets: every finding, every object that could not be read,
 * the rules that ran, and how many VMs and hosts were audited.
 */
public record AuditReport(List<String> targets, List<RuleInfo> rules, List<Finding> findings, List<ObjectError> errors,
        int vmCount, int hostCount) {
    public AuditReport {
        targets = List.copyOf(targets);
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
    }

    public Map<Severity, Integer> countBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    public boolean hasFindingsAtLeast(Severity threshold) {
        for (Finding f : findings) {
            if (f.severity().isAtLeast(threshold)) {
                return true;
            }
        }
        return false;
    }
}
