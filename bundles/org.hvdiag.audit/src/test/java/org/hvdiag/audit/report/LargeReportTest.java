package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditReport;

/** Big estates: 50,000 findings must come out whole, in every format. No timing is asserted. */
class LargeReportTest {
    private static final int N = 50_000;
    private static final AuditReport REPORT = SampleReport.large(N);

    @Test
    void jsonWritesEveryFinding() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReport(SampleReport.clock()).write(REPORT, out);
        int findings = 0;
        int summaryCount = -1;
        try (JsonParser p = new JsonFactory().createParser(out.toByteArray())) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("findings")) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        findings++;
                        p.skipChildren();
                    }
                } else if (field.equals("summary")) {
                    JsonNode summary = RepoSchemas.MAPPER.readTree(p);
                    summaryCount = summary.get("findings").asInt();
                } else {
                    p.skipChildren();
                }
            }
        }
        assertEquals(N, findings);
        assertEquals(N, summaryCount);
        Set<ValidationMessage> errors = RepoSchemas.validate("hvdiag-audit.schema.json", RepoSchemas.MAPPER.readTree(out.toByteArray()));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void otherFormatsWriteWithoutError() throws IOException {
        for (String name : ReportFormats.names()) {
            if (ReportFormats.forName(name).binary()) {
                continue; // compressed: its size says little; WorkbookReportTest counts the workbook's rows
            }
            CountingStream out = new CountingStream();
            ReportFormats.forName(name).write(REPORT, out);
            assertTrue(out.count > N * 20L, name + " wrote only " + out.count + " bytes");
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
