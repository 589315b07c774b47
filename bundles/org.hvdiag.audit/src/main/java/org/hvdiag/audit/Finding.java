package org.hvdiag.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.evidence.VmEvent;

/**
 * One thing a rule found. {@code vmId} and {@code vmName} are null for a finding about a host as a
 * whole. {@code evidence} holds the values the rule saw, in the order it wants them shown, keyed by
 * the hypervisor's own names where there are any. {@code fix} is the plan that fixes it, or null.
 * {@code events} are the log events an evidence rule found it on, oldest first; empty for a finding
 * about configuration.
 */
public record Finding(String ruleId, Severity severity, String target, String hostId, String vmId, String vmName,
        String message, Map<String, String> evidence, ChangePlan fix, List<VmEvent> events) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        target = target == null ? "" : target;
        hostId = hostId == null ? "" : hostId;
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? Map.of() : evidence;
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A finding about configuration, backed by no log event. */
    public Finding(String ruleId, Severity severity, String target, String hostId, String vmId, String vmName,
            String message, Map<String, String> evidence, ChangePlan fix) {
        this(ruleId, severity, target, hostId, vmId, vmName, message, evidence, fix, List.of());
    }

    /** The same finding reported under {@code newTarget}; the engine fills in the audit target. */
    public Finding withTarget(String newTarget) {
        return new Finding(ruleId, severity, newTarget, hostId, vmId, vmName, message, evidence, fix, events);
    }

    public boolean fixable() {
        return fix != null;
    }
}
