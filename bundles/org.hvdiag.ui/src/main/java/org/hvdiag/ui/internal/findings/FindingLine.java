package org.hvdiag.ui.internal.findings;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;

/**
 * A finding as the table shows it, with the name of its host. Host ids repeat across targets (every
 * folder's host is "local"), so the name is looked up by target and id once, when an audit is
 * shown, and the Host column shows, sorts and filters by that name.
 */
public record FindingLine(Finding finding, String host) {

    public static List<FindingLine> of(AuditReport report) {
        List<FindingLine> lines = new ArrayList<>(report.findings().size());
        for (Finding f : report.findings()) {
            lines.add(new FindingLine(f, report.hostName(f)));
        }
        return lines;
    }
}
