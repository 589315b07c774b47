package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the bytes of a VMware dictionary file (.vmx, .vmsd, preferences) and refuses, while reading,
 * what cannot be one: binary data, a line longer than any VMware writes, a file of many megabytes.
 * Reading goes in chunks so a runaway line is refused after its first 64 KiB, not after it has been
 * loaded whole.
 */
final class VmxReader {
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_FILE = 16 * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    /** More than one control character in 16 bytes is not text an editor or VMware wrote. */
    private static final int TEXT_CONTROL_RATIO = 16;

    /** The bytes read: {@code data[0..length)}; the array may be longer, to spare a copy. */
    record Bytes(byte[] data, int length) { }

    private VmxReader() {
    }

    static Bytes read(Path file) throws VmxFileException {
        if (Files.isDirectory(file)) {
            throw new VmxFileException(file, 0, "is a folder, not a file (expected a .vmx text file)");
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            if (size > MAX_FILE) {
                throw new VmxFileException(file, 0, "is " + (size >> 20) + " MiB, larger than any .vmx file (limit "
                        + (MAX_FILE >> 20) + " MiB)");
            }
            // size + 1 lets the common small file arrive in one read and meet end-of-file in the next.
            byte[] buf = new byte[(int) Math.min(Math.max(size + 1, 512), 4L * CHUNK)];
            return readAll(file, in, buf);
        } catch (NoSuchFileException e) {
            throw new VmxFileException(file, 0, Files.isSymbolicLink(file)
                    ? "cannot read: it is a link to a file that does not exist" : "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw new VmxFileException(file, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw new VmxFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Bytes readAll(Path file, SeekableByteChannel in, byte[] buf) throws IOException, VmxFileException {
        int len = 0;
        int lineNo = 1;
        int lineStart = 0;
        int controls = 0;
        int firstControlLine = 0;
        while (true) {
            if (len == buf.length) {
                if (buf.length > MAX_FILE) {
                    throw new VmxFileException(file, 0, "is larger than any .vmx file (limit " + (MAX_FILE >> 20) + " MiB)");
                }
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_FILE + 1));
            }
            int n = in.read(ByteBuffer.wrap(buf, len, Math.min(buf.length - len, CHUNK)));
            if (n < 0) {
                break;
            }
            if (len == 0 && n >= 2 && isUtf16Bom(buf)) {
                throw new VmxFileException(file, 1, "not a .vmx text file VMware reads: UTF-16 text (expected UTF-8 "
                        + "or the charset an .encoding line names)");
            }
            int end = len + n;
            for (int i = len; i < end; i++) {
                byte c = buf[i];
                if ((c & 0xE0) != 0) {
                    continue; // printable ASCII and every byte >= 0x80: the usual case, one test
                }
                if (c == '\n') {
                    checkLineLength(file, lineNo, i - lineStart - (i > lineStart && buf[i - 1] == '\r' ? 1 : 0));
                    lineNo++;
                    lineStart = i + 1;
                } else if (c == 0) {
                    throw new VmxFileException(file, lineNo, "not a .vmx text file (binary data: a NUL byte; "
                            + "expected text lines of key = \"value\")");
                } else if (c != '\t' && c != '\r') {
                    if (controls++ == 0) {
                        firstControlLine = lineNo;
                    }
                }
            }
            len = end;
            if (len - lineStart > MAX_LINE + 1) {
                checkLineLength(file, lineNo, len - lineStart);
            }
        }
        checkLineLength(file, lineNo, len - lineStart - (len > lineStart && buf[len - 1] == '\r' ? 1 : 0));
        // VMware escapes control characters as |XX when it writes, so many of them mean some other kind of file.
        if (controls * (long) TEXT_CONTROL_RATIO > len) {
            throw new VmxFileException(file, firstControlLine, "not a .vmx text file (mostly control characters; "
                    + "expected text lines of key = \"value\")");
        }
        return new Bytes(buf, len);
    }

    private static boolean isUtf16Bom(byte[] b) {
        return (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF);
    }

    private static void checkLineLength(Path file, int lineNo, int length) throws VmxFileException {
        if (length > MAX_LINE) {
            throw new VmxFileException(file, lineNo, "line longer than " + (MAX_LINE >> 10)
                    + " KiB (expected key = \"value\" lines of a .vmx file)");
        }
    }
}
