package org.hvdiag.audit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.model.ObjectError;

/**
 * The outcome of auditing one or more targets: every finding, every object that could not be read,
 * the rules that ran, and how many VMs and hosts were audited. {@code hostNames} maps
 * {@link #hostKey(String, String) target and host id} to the host's name, for reports people read
 * (a host id is a moref or "local"; its name is what the admin knows it by). {@code evidence} is
 * what the VMs' logs said when the audit read them, null when it did not.
 */
public record AuditReport(List<String> targets, List<RuleInfo> rules, List<Finding> findings, List<ObjectError> errors,
        int vmCount, int hostCount, Map<String, String> hostNames, FleetEvidence evidence) {
    public AuditReport {
        targets = List.copyOf(targets);
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
        hostNames = Map.copyOf(hostNames);
    }

    /** A report of configuration only: no logs were read. */
    public AuditReport(List<String> targets, List<RuleInfo> rules, List<Finding> findings, List<ObjectError> errors,
            int vmCount, int hostCount, Map<String, String> hostNames) {
        this(targets, rules, findings, errors, vmCount, hostCount, hostNames, null);
    }

    public boolean hasEvidence() {
        return evidence != null;
    }

    /** A report without host names: reports then show host ids. */
    public AuditReport(List<String> targets, List<RuleInfo> rules, List<Finding> findings, List<ObjectError> errors,
            int vmCount, int hostCount) {
        this(targets, rules, findings, errors, vmCount, hostCount, Map.of());
    }

    /** Host ids are unique within one target only: two folders each have a host "local". */
    public static String hostKey(String target, String hostId) {
        return target + '\u0000' + hostId;
    }

    /** The name of the host a finding is about, or its id when the report does not know the name. */
    public String hostName(Finding f) {
        return hostNames.getOrDefault(hostKey(f.target(), f.hostId()), f.hostId());
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
