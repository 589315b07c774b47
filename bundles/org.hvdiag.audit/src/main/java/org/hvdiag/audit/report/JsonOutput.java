package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

/**
 * The streaming generator the JSON and SARIF writers share. Streaming keeps memory flat for
 * reports of tens of thousands of findings; the target is not closed because it may be stdout.
 */
final class JsonOutput {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonOutput() {
    }

    static JsonGenerator open(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter();
    }

    static void stringArray(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Evidence maps come from rules; a null key or value is written as "" so the output keeps its schema. */
    static void stringMap(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey() == null ? "" : e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        g.writeEndObject();
    }

    /** Whole seconds: sub-second digits only make reports of the same audit differ. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
