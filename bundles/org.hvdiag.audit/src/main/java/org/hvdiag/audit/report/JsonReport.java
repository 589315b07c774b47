package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.model.ObjectError;

/**
 * hvdiag's own machine-readable format, described by schema/hvdiag-audit.schema.json. Fields are
 * only ever added within one schema id; renaming or removing one means a new id, so scripts that
 * check {@code schema} can rely on every field they know.
 */
public final class JsonReport implements ReportWriter {
    /** The schema's {@code $id}; written as the first field so readers can tell the version. */
    public static final String SCHEMA_ID = "https://hvdiag.org/schema/audit-1.json";

    private final Clock clock;

    public JsonReport(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA_ID);
            g.writeStringField("generatedAt", JsonOutput.timestamp(clock.instant()));
            JsonOutput.stringArray(g, "targets", report.targets());
            summary(g, ReportCounts.of(report));
            g.writeArrayFieldStart("rules");
            for (RuleInfo r : report.rules()) {
                rule(g, r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                finding(g, f);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errors");
            for (ObjectError e : report.errors()) {
                g.writeStartObject();
                g.writeStringField("object", e.object());
                g.writeStringField("location", e.location());
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("evidence");
            evidence(g, report.evidence());
            g.writeEndObject();
        }
        out.flush();
    }

    private static void summary(JsonGenerator g, ReportCounts c) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("vms", c.vms());
        g.writeNumberField("hosts", c.hosts());
        g.writeNumberField("findings", c.findings());
        g.writeObjectFieldStart("bySeverity");
        g.writeNumberField(Severity.ERROR.label(), c.errors());
        g.writeNumberField(Severity.WARNING.label(), c.warnings());
        g.writeNumberField(Severity.INFO.label(), c.info());
        g.writeEndObject();
        g.writeNumberField("fixable", c.fixable());
        g.writeEndObject();
    }

    private static void rule(JsonGenerator g, RuleInfo r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("title", r.title());
        g.writeStringField("severity", r.severity().label());
        JsonOutput.stringArray(g, "appliesTo", KindNames.appliesTo(r));
        g.writeStringField("rationale", r.rationale());
        g.writeStringField("reference", r.reference());
        g.writeBooleanField("fixable", r.fixable());
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("target", f.target());
        g.writeStringField("hostId", f.hostId());
        g.writeStringField("vmId", f.vmId());
        g.writeStringField("vmName", f.vmName());
        g.writeStringField("message", f.message());
        JsonOutput.stringMap(g, "evidence", f.evidence());
        g.writeBooleanField("fixable", f.fixable());
        g.writeFieldName("fix");
        fix(g, f.fix());
        g.writeArrayFieldStart("events");
        for (VmEvent e : f.events()) {
            EventJson.event(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** null when the audit read no logs, so a reader can tell "no events" from "not looked". */
    private static void evidence(JsonGenerator g, FleetEvidence evidence) throws IOException {
        if (evidence == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        EventJson.window(g, evidence.window());
        g.writeArrayFieldStart("vms");
        for (FleetEvidence.Entry e : evidence.entries()) {
            EventJson.vm(g, e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The plan as the lines a fix preview shows, so a reader can judge a fix without running hvdiag. */
    static void fix(JsonGenerator g, ChangePlan plan) throws IOException {
        if (plan == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeArrayFieldStart("changes");
        for (ConfigChange c : plan.changes()) {
            g.writeString(c.describe());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("preconditions");
        for (Precondition p : plan.preconditions()) {
            g.writeString(p.describe());
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
