package org.hvdiag.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;

/**
 * One row per finding, RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote, CR
 * or LF, embedded quotes doubled. Meant for spreadsheets, so fields are also guarded against
 * formula injection (see {@link #guard}).
 */
public final class CsvReport implements ReportWriter {
    private static final String CRLF = "\r\n";
    private static final String HEADER = "severity,ruleId,target,hostId,vmId,vmName,message,fixable,evidence";

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(HEADER);
        w.write(CRLF);
        for (Finding f : report.findings()) {
            field(w, f.severity().label());
            w.write(',');
            field(w, f.ruleId());
            w.write(',');
            field(w, f.target());
            w.write(',');
            field(w, f.hostId());
            w.write(',');
            field(w, f.vmId());
            w.write(',');
            field(w, f.vmName());
            w.write(',');
            field(w, f.message());
            w.write(',');
            field(w, String.valueOf(f.fixable()));
            w.write(',');
            field(w, evidence(f.evidence()));
            w.write(CRLF);
        }
        w.flush();
    }

    /**
     * Pairs joined by "; ". A value holding "; " reads ambiguously here; the JSON report keeps the
     * map exact for anyone who needs that.
     */
    static String evidence(Map<String, String> evidence) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : evidence.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue() == null ? "" : e.getValue());
        }
        return sb.toString();
    }

    static void field(Writer w, String value) throws IOException {
        String v = guard(value == null ? "" : value);
        if (!needsQuotes(v)) {
            w.write(v);
            return;
        }
        w.write('"');
        w.write(v.replace("\"", "\"\""));
        w.write('"');
    }

    /**
     * VM names, messages and evidence come from hypervisors and can be anything, including text
     * that a spreadsheet would run as a formula ("=HYPERLINK(...)", "@SUM(...)"). A leading
     * apostrophe makes the spreadsheet show it as text; tab and CR are guarded too, as OWASP
     * advises, because some spreadsheets strip them before looking for a formula.
     */
    static String guard(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky ? "'" + value : value;
    }

    private static boolean needsQuotes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
