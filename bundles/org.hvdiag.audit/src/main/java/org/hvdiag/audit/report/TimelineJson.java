package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;

import org.hvdiag.audit.FleetEvidence;

/** The timeline as JSON, described by schema/hvdiag-events.schema.json. */
public final class TimelineJson implements TimelineWriter {
    public static final String SCHEMA_ID = "https://hvdiag.org/schema/events-1.json";

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void write(FleetEvidence evidence, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonOutput.open(out)) {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA_ID);
            EventJson.window(g, evidence.window());
            g.writeArrayFieldStart("vms");
            for (FleetEvidence.Entry e : evidence.entries()) {
                EventJson.vm(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.flush();
    }
}
