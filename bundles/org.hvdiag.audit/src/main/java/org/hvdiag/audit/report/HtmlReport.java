package org.hvdiag.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.ObjectError;

/**
 * One self-contained HTML page to mail or attach to a ticket: summary, a chart of findings per
 * rule, the findings, the unreadable objects and the rule catalog. It loads nothing (no scripts,
 * stylesheets, fonts or images) and its Content-Security-Policy forbids loading anything, so a VM
 * name that slipped past escaping still could not run or fetch. The findings are a plain table,
 * sorted worst first, which browsers render even at 50,000 rows.
 */
public final class HtmlReport implements ReportWriter {
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Finding::ruleId)
            .thenComparing(f -> f.vmName() == null ? "" : f.vmName())
            .thenComparing(Finding::hostId);

    private static final String STYLE = String.join("\n",
            "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}",
            "h1{margin:0 0 .2em}h2{margin-top:1.6em}.meta{color:#555}",
            ".counts{display:flex;gap:.8em;flex-wrap:wrap;padding:0;list-style:none}",
            ".counts li{border-radius:4px;padding:.4em .8em;background:#eee}",
            ".counts .n{font-size:1.5em;font-weight:bold;margin-right:.3em}",
            ".counts .error,.sev.error{background:" + SeverityColours.of(Severity.ERROR) + ";color:#fff}",
            ".counts .warning,.sev.warning{background:" + SeverityColours.of(Severity.WARNING) + ";color:#000}",
            ".counts .info,.sev.info{background:" + SeverityColours.of(Severity.INFO) + ";color:#fff}",
            "table{border-collapse:collapse;width:100%}",
            "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;"
                    + "overflow-wrap:break-word;white-space:pre-wrap}",
            "th{background:#f3f3f3;position:sticky;top:0;white-space:nowrap}",
            // Paths and evidence may break anywhere; short words like "warning" must not.
            ".wrap{overflow-wrap:anywhere}",
            ".sev{font-weight:bold;text-transform:uppercase;font-size:.85em;white-space:nowrap}",
            ".muted{color:#777}code{font:12px monospace}",
            ".chart text{font:12px monospace;fill:#222}");

    private final Clock clock;

    public HtmlReport(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        head(w);
        w.write("<h1>hvdiag audit report</h1>\n<p class=\"meta\">Generated " + JsonOutput.timestamp(clock.instant())
                + ". Targets: " + HtmlText.of(String.join(", ", report.targets())) + "</p>\n");
        summary(w, ReportCounts.of(report));
        w.write("<h2 id=\"chart\">Findings by rule</h2>\n");
        BarChart.write(w, RuleTally.of(report.findings()));
        findings(w, report);
        errors(w, report.errors());
        catalog(w, report.rules());
        w.write("</body>\n</html>\n");
        w.flush();
    }

    private static void head(Writer w) throws IOException {
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<title>hvdiag audit report</title>\n<style>\n" + STYLE + "\n</style>\n</head>\n<body>\n");
    }

    private static void summary(Writer w, ReportCounts c) throws IOException {
        w.write("<h2 id=\"summary\">Summary</h2>\n<p>" + c.vms() + " VMs, " + c.hosts() + " hosts audited, "
                + c.findings() + " findings.</p>\n<ul class=\"counts\">\n");
        for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
            w.write("<li class=\"" + s.label() + "\"><span class=\"n\">" + c.of(s) + "</span>" + s.label() + "</li>\n");
        }
        w.write("<li><span class=\"n\">" + c.fixable() + "</span>fixable</li>\n</ul>\n");
    }

    private static void findings(Writer w, AuditReport report) throws IOException {
        boolean manyTargets = report.targets().size() > 1;
        List<Finding> sorted = new ArrayList<>(report.findings());
        sorted.sort(ORDER);
        w.write("<h2 id=\"findings\">Findings (" + sorted.size() + ")</h2>\n");
        if (sorted.isEmpty()) {
            w.write("<p>No findings.</p>\n");
            return;
        }
        w.write("<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Rule</th><th>VM</th><th>Host</th>"
                + (manyTargets ? "<th>Target</th>" : "") + "<th>Message</th><th>Fixable</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        for (Finding f : sorted) {
            String rule = HtmlText.of(f.ruleId());
            w.write("<tr><td class=\"sev " + f.severity().label() + "\">" + f.severity().label() + "</td>");
            w.write("<td><a href=\"#rule-" + rule + "\">" + rule + "</a></td>");
            if (f.vmId() == null) {
                w.write("<td class=\"muted\">(host)</td>");
            } else {
                w.write("<td class=\"wrap\" title=\"" + HtmlText.of(f.vmId()) + "\">"
                        + HtmlText.of(f.vmName() == null ? f.vmId() : f.vmName()) + "</td>");
            }
            w.write("<td title=\"" + HtmlText.of(f.hostId()) + "\">" + HtmlText.of(report.hostName(f)) + "</td>");
            if (manyTargets) {
                w.write("<td class=\"wrap\">" + HtmlText.of(f.target()) + "</td>");
            }
            w.write("<td>" + HtmlText.of(f.message()) + "</td>");
            w.write(f.fixable() ? "<td title=\"" + HtmlText.of(planText(f)) + "\">yes</td>" : "<td>no</td>");
            w.write("<td class=\"wrap\">" + HtmlText.of(evidence(f.evidence())) + "</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n");
    }

    /** The plan's changes as a tooltip: enough to judge a fix without making the table heavy. */
    private static String planText(Finding f) {
        return f.fix().changes().stream().map(ConfigChange::describe).collect(Collectors.joining("\n"));
    }

    /** One pair a line; the cell keeps line breaks (white-space: pre-wrap). */
    private static String evidence(Map<String, String> evidence) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : evidence.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(e.getKey()).append(" = ").append(e.getValue() == null ? "" : e.getValue());
        }
        return sb.toString();
    }

    private static void errors(Writer w, List<ObjectError> errors) throws IOException {
        w.write("<h2 id=\"errors\">Unreadable objects (" + errors.size() + ")</h2>\n");
        if (errors.isEmpty()) {
            w.write("<p>Every object was read.</p>\n");
            return;
        }
        w.write("<table class=\"errors\">\n<thead><tr><th>Object</th><th>Location</th><th>Problem</th></tr></thead>\n<tbody>\n");
        for (ObjectError e : errors) {
            w.write("<tr><td class=\"wrap\">" + HtmlText.of(e.object()) + "</td><td>" + HtmlText.of(e.location()) + "</td><td>"
                    + HtmlText.of(e.message()) + "</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n");
    }

    private static void catalog(Writer w, List<RuleInfo> rules) throws IOException {
        w.write("<h2 id=\"rules\">Rule catalog (" + rules.size() + ")</h2>\n");
        w.write("<table class=\"rules\">\n<thead><tr><th>Rule</th><th>Title</th><th>Severity</th><th>Applies to</th>"
                + "<th>Rationale</th><th>Reference</th><th>Fixable</th></tr></thead>\n<tbody>\n");
        for (RuleInfo r : rules) {
            String id = HtmlText.of(r.id());
            String kinds = r.appliesTo().stream().sorted().map(k -> k.displayName()).collect(Collectors.joining(", "));
            w.write("<tr id=\"rule-" + id + "\"><td><code>" + id + "</code></td><td>" + HtmlText.of(r.title())
                    + "</td><td class=\"sev " + r.severity().label() + "\">" + r.severity().label() + "</td><td>"
                    + HtmlText.of(kinds) + "</td><td>" + HtmlText.of(r.rationale()) + "</td><td>"
                    + HtmlText.of(r.reference()) + "</td><td>" + (r.fixable() ? "yes" : "no") + "</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n");
    }
}
