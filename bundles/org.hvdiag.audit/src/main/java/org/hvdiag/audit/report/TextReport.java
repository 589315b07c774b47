package org.hvdiag.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.model.ObjectError;

/**
 * A plain listing for a terminal: findings grouped by VM (host-level ones by host), worst first
 * within a group, then the objects that could not be read, then one summary line. No colours, so
 * that output piped to a file or a pager stays clean.
 */
public final class TextReport implements ReportWriter {
    private static final String NL = System.lineSeparator();
    private static final Comparator<Finding> WORST_FIRST =
            Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::ruleId);

    @Override
    public String format() {
        return "text";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        boolean manyTargets = report.targets().size() > 1;
        for (List<Finding> group : groups(report.findings()).values()) {
            w.write(heading(group.get(0), report.hostName(group.get(0)), manyTargets));
            w.write(NL);
            group.sort(WORST_FIRST);
            for (Finding f : group) {
                w.write(line(f));
                w.write(NL);
                for (VmEvent e : f.events()) {
                    w.write(TimelineText.row(e, "             "));
                    w.write(NL);
                }
            }
            w.write(NL);
        }
        if (!report.errors().isEmpty()) {
            w.write("Unreadable objects:" + NL);
            for (ObjectError e : report.errors()) {
                w.write("  " + TerminalText.of(e.toString()) + NL);
            }
            w.write(NL);
        }
        if (report.hasEvidence()) {
            FleetEvidence ev = report.evidence();
            TimelineText.notes(w, ev, manyTargets);
            int events = 0;
            for (FleetEvidence.Entry e : ev.entries()) {
                events += e.evidence().events().size();
            }
            w.write("Evidence: " + events + (events == 1 ? " event" : " events") + " from " + ev.window().from() + " to "
                    + ev.window().to() + " in the logs of " + ev.entries().size() + " VMs (hvdiag events lists them)" + NL);
        }
        w.write(ReportCounts.of(report).summaryLine());
        w.write(NL);
        w.flush();
    }

    /** Groups in the order the engine reported them, which follows the inventory's VM order. */
    private static Map<String, List<Finding>> groups(List<Finding> findings) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            String key = f.target() + '\u0000' + f.hostId() + '\u0000' + (f.vmId() == null ? "" : "vm:" + f.vmId());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        return groups;
    }

    private static String heading(Finding f, String hostName, boolean manyTargets) {
        StringBuilder sb = new StringBuilder();
        if (f.vmId() == null) {
            sb.append("Host ").append(TerminalText.of(hostName.isEmpty() ? "(unknown)" : hostName));
        } else {
            String name = f.vmName() == null ? f.vmId() : f.vmName();
            sb.append("VM ").append(TerminalText.of(name));
            if (!name.equals(f.vmId())) {
                sb.append(" (").append(TerminalText.of(f.vmId())).append(')');
            }
            if (!hostName.isEmpty()) {
                sb.append(" on ").append(TerminalText.of(hostName));
            }
        }
        if (manyTargets && !f.target().isEmpty()) {
            sb.append("  [").append(TerminalText.of(f.target())).append(']');
        }
        return sb.toString();
    }

    private static String line(Finding f) {
        String severity = f.severity().name();
        String line = "  " + severity + " ".repeat(9 - severity.length()) + TerminalText.of(f.ruleId()) + "  "
                + TerminalText.of(f.message());
        return f.fixable() ? line + "  [fix available]" : line;
    }
}
