package org.hvdiag.audit.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.hvdiag.audit.AuditReport;

/** What a writer produced, as bytes, text and (for the JSON formats) a tree. */
record Written(byte[] bytes) {

    static Written by(ReportWriter writer, AuditReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(out.toByteArray());
    }

    /** Decoded strictly, so that output which is not valid UTF-8 fails the test instead of turning into U+FFFD. */
    String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("output is not valid UTF-8", e);
        }
    }

    JsonNode json() {
        try {
            return RepoSchemas.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
