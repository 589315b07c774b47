package org.hvdiag.audit.report;

import java.util.List;
import java.util.Locale;

import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.model.HypervisorKind;

/**
 * Hypervisor kinds as the JSON and SARIF outputs name them: lower case with hyphens, in enum order,
 * because the rule's set has no order of its own and outputs of the same audit should not differ.
 */
final class KindNames {
    private KindNames() {
    }

    static String of(HypervisorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static List<String> appliesTo(RuleInfo rule) {
        return rule.appliesTo().stream().sorted().map(KindNames::of).toList();
    }
}
