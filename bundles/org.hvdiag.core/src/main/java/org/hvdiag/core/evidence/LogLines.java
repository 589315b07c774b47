package org.hvdiag.core.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines with a fixed memory bound: one read buffer and one line buffer,
 * whatever the size of the log. A line longer than {@link #MAX_LINE_BYTES} is cut there. A line that
 * is not UTF-8 (an older host writing its code page) is read as ISO-8859-1, so no byte is lost.
 * <p>
 * Lines are handed over as bytes ({@link Line}): a line that lies wholly in the read buffer is not
 * copied at all, only one that straddles two reads is gathered in the line buffer, and a String is
 * made only when the sink asks for {@link Line#text()}. Every line is still checked for UTF-8 (a
 * line with a byte above 0x7f is decoded at once), so the counts below cover every line read.
 */
final class LogLines {
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int READ_BUFFER = 64 * 1024;

    /** One line, valid only during the {@link Sink#line} call that receives it. */
    static final class Line {
        /** The line's bytes are {@code bytes[from, to)}: without its '\n', a '\r' before it and what a cut dropped. */
        byte[] bytes;
        int from;
        int to;
        /** Where the line starts in the file. */
        long offset;
        /** False for a torn last line (no '\n' before the end of the read). */
        boolean terminated;
        /** True when every byte is below 0x80, so the bytes are the characters. */
        boolean ascii;
        private String text;

        /** The line as text: UTF-8 when it is, else ISO-8859-1. */
        String text() {
            if (text == null) {
                text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
            }
            return text;
        }
    }

    interface Sink {
        /** Returns false to stop the read. */
        boolean line(Line line);
    }

    private final byte[] buffer = new byte[READ_BUFFER];
    private final byte[] pending = new byte[MAX_LINE_BYTES];
    private final Line current = new Line();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    int cutLines;
    int notUtf8Lines;
    long bytesRead;

    /** Bytes of the line being gathered in {@link #pending} (those past the cap are not kept). */
    private int pendingLength;
    /** Whether the line being gathered has any byte at all (kept or cut). */
    private boolean pendingAny;
    private boolean pendingCut;
    private boolean pendingNonAscii;

    /**
     * Reads at most {@code limit} bytes from {@code in}, whose first byte is at {@code offset} in the
     * file. Stops early when the sink returns false.
     */
    void read(InputStream in, long offset, long limit, Sink sink) throws IOException {
        pendingLength = 0;
        pendingAny = false;
        pendingCut = false;
        pendingNonAscii = false;
        long lineStart = offset;
        long position = offset;
        long left = limit;
        byte[] buf = buffer;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            left -= n;
            bytesRead += n;
            int start = 0;
            while (start < n) {
                int i = start;
                int bits = 0;
                while (i < n) {
                    byte b = buf[i];
                    if (b == '\n') {
                        break;
                    }
                    bits |= b;
                    i++;
                }
                if (i == n) {
                    gather(buf, start, n - start, bits < 0);
                    break;
                }
                boolean go;
                if (!pendingAny) {
                    go = emit(buf, start, i, bits < 0, false, lineStart, true, sink);
                } else {
                    gather(buf, start, i - start, bits < 0);
                    go = emit(pending, 0, pendingLength, pendingNonAscii, pendingCut, lineStart, true, sink);
                    pendingLength = 0;
                    pendingAny = false;
                    pendingCut = false;
                    pendingNonAscii = false;
                }
                if (!go) {
                    return;
                }
                start = i + 1;
                lineStart = position + start;
            }
            position += n;
        }
        if (pendingAny) {
            emit(pending, 0, pendingLength, pendingNonAscii, pendingCut, lineStart, false, sink);
            pendingLength = 0;
            pendingAny = false;
        }
    }

    /** Adds part of a line that goes on past this read to {@link #pending}, up to the cap. */
    private void gather(byte[] from, int at, int length, boolean nonAscii) {
        if (length == 0) {
            return;
        }
        pendingAny = true;
        int keep = Math.min(length, pending.length - pendingLength);
        if (keep < length) {
            pendingCut = true;
        }
        if (keep > 0) {
            System.arraycopy(from, at, pending, pendingLength, keep);
            pendingLength += keep;
            pendingNonAscii |= nonAscii;
        }
    }

    private boolean emit(byte[] bytes, int from, int to, boolean nonAscii, boolean cut, long offset,
            boolean terminated, Sink sink) {
        if (to - from > MAX_LINE_BYTES) {
            to = from + MAX_LINE_BYTES;
            cut = true;
            nonAscii = !ascii(bytes, from, to);
        }
        if (cut) {
            cutLines++;
        }
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        Line l = current;
        l.bytes = bytes;
        l.from = from;
        l.to = to;
        l.offset = offset;
        l.terminated = terminated;
        l.text = null;
        l.ascii = !nonAscii || ascii(bytes, from, to);
        if (!l.ascii) {
            l.text = decode(bytes, from, to);
        }
        return sink.line(l);
    }

    private static boolean ascii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private String decode(byte[] bytes, int from, int to) {
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(bytes, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            notUtf8Lines++;
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }
}
