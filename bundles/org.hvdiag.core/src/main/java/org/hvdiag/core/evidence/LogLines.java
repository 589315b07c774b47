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
 */
final class LogLines {
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int READ_BUFFER = 64 * 1024;

    interface Sink {
        /** {@code offset} is where the line starts in the file; {@code terminated} false for a torn last line. */
        boolean line(String text, long offset, boolean terminated);
    }

    private final byte[] buffer = new byte[READ_BUFFER];
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    int cutLines;
    int notUtf8Lines;
    long bytesRead;

    /**
     * Reads at most {@code limit} bytes from {@code in}, whose first byte is at {@code offset} in the
     * file. Stops early when the sink returns false.
     */
    void read(InputStream in, long offset, long limit, Sink sink) throws IOException {
        int lineLength = 0;
        boolean cut = false;
        long lineStart = offset;
        long position = offset;
        long left = limit;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break;
            }
            left -= n;
            bytesRead += n;
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                position++;
                if (b == '\n') {
                    if (!sink.line(decode(lineLength, cut), lineStart, true)) {
                        return;
                    }
                    lineLength = 0;
                    cut = false;
                    lineStart = position;
                } else if (lineLength < line.length) {
                    line[lineLength++] = b;
                } else {
                    cut = true;
                }
            }
        }
        if (lineLength > 0) {
            sink.line(decode(lineLength, cut), lineStart, false);
        }
    }

    private String decode(int length, boolean cut) {
        if (cut) {
            cutLines++;
        }
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        boolean ascii = true;
        for (int i = 0; i < end; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(line, 0, end, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(line, 0, end));
            return chars.toString();
        } catch (CharacterCodingException e) {
            notUtf8Lines++;
            return new String(line, 0, end, StandardCharsets.ISO_8859_1);
        }
    }
}
