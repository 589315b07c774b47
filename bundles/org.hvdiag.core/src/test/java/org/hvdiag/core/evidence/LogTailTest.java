package org.hvdiag.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    /** Lines "TIME| crash" or "TIME| other": just enough format to drive the reader. */
    static final class TinyParser implements LogParser {
        @Override
        public Parsed parse(String line) {
            int bar = line.indexOf('|');
            if (bar < 0) {
                return null;
            }
            OffsetDateTime t = OffsetDateTime.parse(line.substring(0, bar));
            return new Parsed(t, line.endsWith("crash") ? new EventKind.StoppedAbnormally("test") : null);
        }
    }

    private static final EvidenceWindow ALL = new EvidenceWindow(Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"), 1 << 20);

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
    }

    private VmEvidence read(EvidenceWindow w, Path... newestFirst) {
        return new LogTail("vm-1", "web01", w).read(
                java.util.Arrays.stream(newestFirst).map(p -> (LogFile) new PathLogFile(p)).toList(), TinyParser::new);
    }

    @Test
    void eventsComeOldestFirstAcrossRotatedFilesWithLineNumbers() throws IOException {
        Path older = write("vmware-0.log", "2024-03-01T10:00:00Z| crash\n");
        Path newest = write("vmware.log", "2024-03-02T10:00:00Z| other\n2024-03-02T10:00:05Z| crash\n");
        VmEvidence e = read(ALL, newest, older);
        assertEquals(2, e.events().size());
        assertEquals(older.toString() + ":1", e.events().get(0).source().toString());
        assertEquals(newest.toString() + ":2", e.events().get(1).source().toString());
        assertEquals(List.of(), e.notes());
    }

    @Test
    void theByteBoundReadsOnlyTheEndAndSaysSo() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            b.append("2024-03-02T10:00:00Z| crash\n");
        }
        Path log = write("vmware.log", b.toString());
        VmEvidence e = read(ALL.withMaxBytesPerVm(100), log);
        // 100 bytes hold three whole 28-byte lines after the dropped partial one
        assertEquals(3, e.events().size());
        assertEquals(100, e.bytesRead());
        assertEquals(-1, e.events().get(0).source().line());
        assertTrue(e.notes().get(0).contains("read the last"), e.notes().toString());
    }

    @Test
    void aLineWhoseNewlineBeforeIsWithinTheBoundIsKept() throws IOException {
        Path log = write("vmware.log", "2024-03-02T10:00:00Z| crash\n2024-03-02T10:00:01Z| crash\n");
        VmEvidence e = read(ALL.withMaxBytesPerVm(29), log);
        assertEquals(29, e.bytesRead());
        assertEquals(1, e.events().size());
        assertEquals(28, e.events().get(0).source().byteOffset());
    }

    @Test
    void tornLastLineAndForeignBytesAndClockJumpAreNotedNotFatal() throws IOException {
        Path log = write("vmware.log", "2024-03-02T10:00:00Z| caf\u00e9 crash\n"
                + "2024-03-02T09:00:00Z| crash\n2024-03-02T11:00:00Z| cra");
        VmEvidence e = read(ALL, log);
        assertEquals(2, e.events().size());
        assertEquals("2024-03-02T10:00:00Z| caf\u00e9 crash", e.events().get(0).rawLine());
        String notes = String.join("\n", e.notes());
        assertTrue(notes.contains("incomplete"), notes);
        assertTrue(notes.contains("not UTF-8"), notes);
        assertTrue(notes.contains("clock went back"), notes);
    }

    @Test
    void olderFilesAreNotOpenedOnceTheWindowStartIsPassed() throws IOException {
        Path newest = write("vmware.log", "2024-03-01T10:00:00Z| crash\n2024-03-05T10:00:00Z| crash\n");
        Path missingOlder = dir.resolve("vmware-0.log");
        EvidenceWindow w = new EvidenceWindow(Instant.parse("2024-03-04T00:00:00Z"),
                Instant.parse("2024-03-06T00:00:00Z"), 1 << 20);
        VmEvidence e = read(w, newest, missingOlder);
        assertEquals(1, e.events().size());
        assertEquals(List.of(), e.notes(), "the missing older file was never opened");
    }

    @Test
    void anUnreadableFileIsANoteAndTheOthersStillCount() throws IOException {
        Path older = write("vmware-0.log", "2024-03-01T10:00:00Z| crash\n");
        VmEvidence e = read(ALL, dir.resolve("vmware.log"), older);
        assertEquals(1, e.events().size());
        assertTrue(e.notes().get(0).startsWith("could not read " + dir.resolve("vmware.log")), e.notes().toString());
    }
}
