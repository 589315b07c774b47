package org.hvdiag.audit;

import java.util.Objects;
import java.util.Set;

import org.hvdiag.core.model.HypervisorKind;

/**
 * What a rule is, for the catalog, the reports and the workbench: {@code rationale} says in plain
 * words why the finding matters, {@code reference} names the vendor document it rests on.
 * {@code fixable} says whether the rule offers a change plan for its findings.
 */
public record RuleInfo(String id, String title, Severity severity, Set<HypervisorKind> appliesTo, String rationale,
        String reference, boolean fixable) {
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        appliesTo = Set.copyOf(appliesTo);
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(reference, "reference");
    }
}
