package org.hvdiag.ui.internal.findings;

import java.util.Locale;
import java.util.Set;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;

/**
 * Which findings the table shows: text found in the rule, VM, host or message (any case), the
 * severities ticked, and one rule or all ({@code ruleId} null).
 */
public record FindingFilter(String text, Set<Severity> severities, String ruleId) {
    public static final FindingFilter ALL = new FindingFilter("", Set.of(Severity.values()), null);

    public FindingFilter {
        text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        severities = Set.copyOf(severities);
    }

    /** The host is matched by the name the table shows, not by its id. */
    public boolean accepts(FindingLine line) {
        Finding f = line.finding();
        if (!severities.contains(f.severity()) || (ruleId != null && !ruleId.equals(f.ruleId()))) {
            return false;
        }
        return text.isEmpty() || contains(f.ruleId()) || contains(f.vmName()) || contains(line.host()) || contains(f.message());
    }

    private boolean contains(String s) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(text);
    }
}
