package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.model.ObjectError;

/**
 * SARIF 2.1.0, for code-scanning dashboards and SARIF viewers: one run, the rule catalog as the
 * driver's rules, one result per finding located at the VM (its .vmx as a file URI where the id is
 * a path), and the unreadable objects as tool execution notifications. The output validates against
 * the OASIS schema kept in schema/sarif-schema-2.1.0.json.
 */
public final class SarifReport implements ReportWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://hvdiag.org/";
    private static final Pattern LINE = Pattern.compile("line (\\d{1,9})");

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleInfo r : report.rules()) {
            ruleIndex.putIfAbsent(r.id(), ruleIndex.size());
        }
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            tool(g, report.rules());
            invocation(g, report.errors());
            g.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                result(g, f, ruleIndex.get(f.ruleId()));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        out.flush();
    }

    /** SARIF's levels; "note" is its word for information. */
    static String level(Severity severity) {
        switch (severity) {
            case ERROR:
                return "error";
            case WARNING:
                return "warning";
            default:
                return "note";
        }
    }

    private static void tool(JsonGenerator g, List<RuleInfo> rules) throws IOException {
        g.writeObjectFieldStart("tool");
        g.writeObjectFieldStart("driver");
        g.writeStringField("name", "hvdiag");
        g.writeStringField("informationUri", INFORMATION_URI);
        g.writeArrayFieldStart("rules");
        for (RuleInfo r : rules) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("name", pascalCase(r.id()));
            text(g, "shortDescription", r.title());
            text(g, "fullDescription", r.rationale());
            text(g, "help", r.reference());
            g.writeObjectFieldStart("defaultConfiguration");
            g.writeStringField("level", level(r.severity()));
            g.writeEndObject();
            g.writeObjectFieldStart("properties");
            JsonOutput.stringArray(g, "appliesTo", KindNames.appliesTo(r));
            g.writeBooleanField("fixable", r.fixable());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * An object hvdiag could not read leaves the audit incomplete but not failed, which is what a
     * notification at level "error" in a successful invocation says in SARIF's terms.
     */
    private static void invocation(JsonGenerator g, List<ObjectError> errors) throws IOException {
        g.writeArrayFieldStart("invocations");
        g.writeStartObject();
        g.writeBooleanField("executionSuccessful", true);
        g.writeArrayFieldStart("toolExecutionNotifications");
        for (ObjectError e : errors) {
            g.writeStartObject();
            g.writeStringField("level", "error");
            text(g, "message", e.toString());
            g.writeArrayFieldStart("locations");
            g.writeStartObject();
            g.writeObjectFieldStart("physicalLocation");
            artifactLocation(g, e.object());
            Matcher line = LINE.matcher(e.location());
            if (line.matches()) {
                g.writeObjectFieldStart("region");
                g.writeNumberField("startLine", Math.max(1, Integer.parseInt(line.group(1))));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("properties");
            g.writeStringField("object", e.object());
            g.writeStringField("location", e.location());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void result(JsonGenerator g, Finding f, Integer ruleIndex) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        if (ruleIndex != null) {
            g.writeNumberField("ruleIndex", ruleIndex);
        }
        g.writeStringField("level", level(f.severity()));
        text(g, "message", f.message());
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        artifactLocation(g, locationId(f));
        g.writeEndObject();
        logicalLocation(g, f);
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("properties");
        JsonOutput.stringMap(g, "evidence", f.evidence());
        g.writeBooleanField("fixable", f.fixable());
        g.writeStringField("hostId", f.hostId());
        g.writeStringField("target", f.target());
        if (f.fixable()) {
            g.writeFieldName("fix");
            JsonReport.fix(g, f.fix());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The VM where there is one, else the audited target, else the host: never an empty location. */
    private static String locationId(Finding f) {
        if (f.vmId() != null && !f.vmId().isEmpty()) {
            return f.vmId();
        }
        if (!f.target().isEmpty()) {
            return f.target();
        }
        return f.hostId().isEmpty() ? "unknown" : f.hostId();
    }

    private static void logicalLocation(JsonGenerator g, Finding f) throws IOException {
        String name;
        String qualified;
        if (f.vmId() != null) {
            name = f.vmName() == null ? f.vmId() : f.vmName();
            qualified = f.vmId();
        } else if (!f.hostId().isEmpty()) {
            name = f.hostId();
            qualified = f.hostId();
        } else {
            return;
        }
        g.writeArrayFieldStart("logicalLocations");
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("fullyQualifiedName", qualified);
        g.writeStringField("kind", "resource");
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void artifactLocation(JsonGenerator g, String id) throws IOException {
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", ResourceUri.of(id));
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String field, String text) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("text", text);
        g.writeEndObject();
    }

    /** SARIF's rule name is meant to read as an identifier: "usb-xhci-too-old" becomes "UsbXhciTooOld". */
    static String pascalCase(String id) {
        StringBuilder sb = new StringBuilder(id.length());
        boolean upper = true;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
                continue;
            }
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return sb.toString();
    }
}
