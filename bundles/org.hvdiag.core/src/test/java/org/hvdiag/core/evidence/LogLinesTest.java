package org.hvdiag.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The line splitter against a byte-by-byte reference (the splitter as it first was), on the edges
 * of its 64 KiB read buffer and line cap, whole and in reads of odd sizes.
 */
class LogLinesTest {
    static final int BUFFER = 64 * 1024;
    static final int CAP = LogLines.MAX_LINE_BYTES;

    record Seen(String text, long offset, boolean terminated) {
    }

    record Result(List<Seen> lines, int cut, int notUtf8, long bytes) {
    }

    /** Hands out at most {@code chunk} bytes a read, as a socket or a chunked web service may. */
    static final class Chunky extends InputStream {
        private final InputStream in;
        private final int chunk;

        Chunky(byte[] data, int chunk) {
            this.in = new ByteArrayInputStream(data);
            this.chunk = chunk;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, Math.min(len, chunk));
        }
    }

    static Result split(byte[] data, int chunk, long offset, long limit) throws IOException {
        LogLines l = new LogLines();
        List<Seen> seen = new ArrayList<>();
        l.read(new Chunky(data, chunk), offset, limit, line -> {
            seen.add(new Seen(line.text(), line.offset, line.terminated));
            return true;
        });
        return new Result(seen, l.cutLines, l.notUtf8Lines, l.bytesRead);
    }

    /** The first splitter: byte by byte into a capped line buffer. */
    static Result reference(byte[] data, long offset, long limit) {
        List<Seen> seen = new ArrayList<>();
        int[] counts = new int[2];
        byte[] line = new byte[CAP];
        int length = 0;
        boolean cut = false;
        long start = offset;
        long position = offset;
        int n = (int) Math.min(data.length, limit);
        for (int i = 0; i < n; i++) {
            byte b = data[i];
            position++;
            if (b == '\n') {
                seen.add(new Seen(decode(line, length, cut, counts), start, true));
                length = 0;
                cut = false;
                start = position;
            } else if (length < CAP) {
                line[length++] = b;
            } else {
                cut = true;
            }
        }
        if (length > 0) {
            seen.add(new Seen(decode(line, length, cut, counts), start, false));
        }
        return new Result(seen, counts[0], counts[1], n);
    }

    private static String decode(byte[] line, int length, boolean cut, int[] counts) {
        if (cut) {
            counts[0]++;
        }
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, end)).toString();
        } catch (CharacterCodingException e) {
            counts[1]++;
            return new String(line, 0, end, StandardCharsets.ISO_8859_1);
        }
    }

    private static void sameAsReference(byte[] data) throws IOException {
        Result want = reference(data, 1000, Long.MAX_VALUE);
        for (int chunk : new int[] {BUFFER, 1, 7, 4093, BUFFER - 1, BUFFER + 1}) {
            Result got = split(data, chunk, 1000, Long.MAX_VALUE);
            assertEquals(want.lines().size(), got.lines().size(), "lines, reads of " + chunk);
            for (int i = 0; i < want.lines().size(); i++) {
                assertEquals(want.lines().get(i), got.lines().get(i), "line " + i + ", reads of " + chunk);
            }
            assertEquals(want, got, "reads of " + chunk);
        }
    }

    private static byte[] filled(int length, char c) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLineStraddlingTheReadBufferIsWholeWithItsOffset() throws IOException {
        byte[] data = concat(filled(BUFFER - 10, 'a'), ascii("\n0123456789abcdefghij\nlast\n"));
        Result r = split(data, BUFFER, 0, Long.MAX_VALUE);
        assertEquals(new Seen("0123456789abcdefghij", BUFFER - 9, true), r.lines().get(1));
        assertEquals(new Seen("last", BUFFER + 12, true), r.lines().get(2));
        sameAsReference(data);
    }

    @Test
    void aCrLfSplitAcrossTwoReadsLosesTheCr() throws IOException {
        // '\r' is the buffer's last byte, '\n' the next read's first
        byte[] data = concat(filled(BUFFER - 1, 'b'), ascii("\r\nnext\r\n"));
        Result r = split(data, BUFFER, 0, Long.MAX_VALUE);
        assertEquals(2, r.lines().size());
        assertEquals(BUFFER - 1, r.lines().get(0).text().length());
        assertEquals(new Seen("next", BUFFER + 1, true), r.lines().get(1));
        sameAsReference(data);
    }

    @Test
    void aLineOfExactlyTheCapIsWholeAndOneByteMoreIsCut() throws IOException {
        byte[] exact = concat(ascii("x\n"), filled(CAP, 'c'), ascii("\ny\n"));
        Result r = split(exact, BUFFER, 0, Long.MAX_VALUE);
        assertEquals(CAP, r.lines().get(1).text().length());
        assertEquals(new Seen("y", 2 + CAP + 1, true), r.lines().get(2));
        assertEquals(0, r.cut());
        sameAsReference(exact);

        byte[] over = concat(ascii("x\n"), filled(CAP + 1, 'c'), ascii("\ny\n"));
        r = split(over, BUFFER, 0, Long.MAX_VALUE);
        assertEquals(CAP, r.lines().get(1).text().length());
        assertEquals(new Seen("y", 2 + CAP + 2, true), r.lines().get(2));
        assertEquals(1, r.cut());
        sameAsReference(over);

        // the cap followed by CR LF: the CR is past the cap, so the line is cut and keeps all its bytes
        sameAsReference(concat(filled(CAP, 'c'), ascii("\r\nz\n")));
        // a CR as the cap's last byte is dropped like any line's
        sameAsReference(concat(filled(CAP - 1, 'c'), ascii("\r\nz\n")));
        // a line longer than the cap, whole in one read, and at the end of the stream, torn
        sameAsReference(concat(filled(3 * CAP, 'd'), ascii("\n"), filled(CAP + 5, 'e')));
    }

    @Test
    void aMultiByteCharacterAcrossTheReadBufferIsUtf8() throws IOException {
        // "é" is C3 A9: C3 ends the first read, A9 starts the second
        byte[] data = concat(ascii("first\n"), filled(BUFFER - 7, 'f'), "\u00e9t\u00e9\nnext\n".getBytes(StandardCharsets.UTF_8));
        Result r = split(data, BUFFER, 0, Long.MAX_VALUE);
        assertEquals(0, r.notUtf8());
        assertEquals("f".repeat(BUFFER - 7) + "\u00e9t\u00e9", r.lines().get(1).text());
        sameAsReference(data);
        // the same character cut in two by the line cap is not UTF-8 any more
        sameAsReference(concat(filled(CAP - 1, 'g'), "\u00e9\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theLimitStopsMidLineAndTheRestIsATornLine() throws IOException {
        byte[] data = ascii("one\ntwo\nthree\n");
        for (int limit = 0; limit <= data.length; limit++) {
            for (int chunk : new int[] {1, 3, BUFFER}) {
                Result want = reference(data, 5, limit);
                assertEquals(want, split(data, chunk, 5, limit), "limit " + limit + ", reads of " + chunk);
            }
        }
    }

    @Test
    void randomLogsSplitAsTheReferenceDoes() throws IOException {
        Random random = new Random(42);
        String[] pieces = {"2026-11-27T10:02:54.920Z In(05) vmx ", "caf\u00e9 ", "\r", "\r\n", "\n", "\n\n", "\u00ff", "\u20ac"};
        for (int round = 0; round < 20; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < 3 * BUFFER) {
                int kind = random.nextInt(10);
                if (kind < pieces.length) {
                    String p = pieces[kind];
                    // the euro and the y-umlaut as ISO-8859-1 or UTF-8: now valid, now not
                    out.writeBytes(p.getBytes(random.nextBoolean() || p.equals("\u20ac") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
                } else {
                    out.writeBytes(filled(random.nextInt(kind == 9 ? CAP + 100 : 300), 'q'));
                }
            }
            sameAsReference(out.toByteArray());
        }
    }
}
