package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportFormatsTest {

    @Test
    void listsTheSixFormatsInHelpOrder() {
        assertEquals(List.of("text", "json", "csv", "html", "sarif", "xlsx"), ReportFormats.names());
    }

    @Test
    void findsEachWriterByItsName() {
        for (String name : ReportFormats.names()) {
            assertEquals(name, ReportFormats.forName(name).format());
        }
        assertEquals("json", ReportFormats.forName(" JSON ").format());
    }

    @Test
    void refusesAnUnknownNameAndSaysWhichAreValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFormats.forName("xml"));
        assertTrue(e.getMessage().contains("'xml'"), e.getMessage());
        assertTrue(e.getMessage().contains("text, json, csv, html, sarif, xlsx"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportFormats.forName(null));
    }

    @Test
    void everyWriterFlushesButLeavesTheStreamOpen() throws Exception {
        for (String name : ReportFormats.names()) {
            TrackingStream out = new TrackingStream();
            ReportFormats.forName(name).write(SampleReport.sample(), out);
            assertFalse(out.closed, name + " closed the caller's stream");
            assertTrue(out.flushed, name + " did not flush");
            assertTrue(out.size() > 0, name + " wrote nothing");
        }
    }

    private static final class TrackingStream extends ByteArrayOutputStream {
        boolean closed;
        boolean flushed;

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
