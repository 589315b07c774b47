package org.hvdiag.vmx.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A .vmx file as lines, kept exactly as read: comments, blank lines, order, line endings and charset.
 * Written back without edits it is the same file byte for byte; an edit replaces one value in its
 * line, appends a line at the end, or drops a line, and touches nothing else. Keys are looked up
 * ignoring case, as VMware does, and keep the spelling the file has. A damaged line (outside VMware's
 * grammar) sets no key and is kept byte for byte, like a comment; {@link #damagedLines()} lists it.
 * Not thread-safe: one reader or editor at a time.
 */
public final class VmxFile {
    /**
     * A line VMware reads no setting from, with what was expected there; {@code key} is the key it
     * would have set when the line has the key = shape, else "".
     */
    public record DamagedLine(int line, String key, String reason) { }

    private final Path path;
    private final byte[] source;
    private final int sourceLength;
    private final Charset charset;
    private final byte[] newline;
    private final List<VmxLine> lines;
    private final Map<String, VmxLine> byKey;
    private final List<DamagedLine> damagedLines;
    private boolean edited;

    VmxFile(Path path, byte[] source, int sourceLength, Charset charset, byte[] newline, List<VmxLine> lines,
            Map<String, VmxLine> byKey, List<DamagedLine> damagedLines) {
        this.path = path;
        this.source = source;
        this.sourceLength = sourceLength;
        this.charset = charset;
        this.newline = newline;
        this.lines = lines;
        this.byKey = byKey;
        this.damagedLines = List.copyOf(damagedLines);
    }

    public static VmxFile read(Path path) throws VmxFileException {
        VmxReader.Bytes bytes = VmxReader.read(path);
        return VmxParser.parse(path, bytes.data(), bytes.length());
    }

    public Path path() {
        return path;
    }

    /** The charset the .encoding line names, UTF-8 without one. */
    public Charset charset() {
        return charset;
    }

    public boolean has(String key) {
        return byKey.containsKey(lower(key));
    }

    /** The value with VMware's |XX escapes undone, or null when the file does not set the key. */
    public String value(String key) {
        VmxLine l = byKey.get(lower(key));
        return l == null ? null : l.value();
    }

    /** The value as written in the file, escapes kept. */
    public String rawValue(String key) {
        VmxLine l = byKey.get(lower(key));
        return l == null ? null : l.rawValue();
    }

    /** The line a key is on (1-based, as read), or 0 when the file does not set it or it was added. */
    public int lineOf(String key) {
        VmxLine l = byKey.get(lower(key));
        return l == null ? 0 : l.number();
    }

    /** The damaged lines as read, in file order; edits keep their bytes. */
    public List<DamagedLine> damagedLines() {
        return damagedLines;
    }

    /** Whether the file sets no key at all: empty, comments or damaged lines only. */
    public boolean hasNoSettings() {
        return byKey.isEmpty();
    }

    /** Every key as spelled in the file, with its value (escapes undone), in file order. */
    public Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>(byKey.size() * 2);
        for (int i = 0, n = lines.size(); i < n; i++) {
            VmxLine l = lines.get(i);
            if (l.isSetting()) {
                m.put(l.key(), l.value());
            }
        }
        return m;
    }

    /** Keys as spelled in the file that start with {@code prefix}, ignoring case, in file order. */
    public List<String> keysStartingWith(String prefix) {
        List<String> keys = new ArrayList<>();
        for (int i = 0, n = lines.size(); i < n; i++) {
            VmxLine l = lines.get(i);
            if (l.isSetting() && l.key().regionMatches(true, 0, prefix, 0, prefix.length())) {
                keys.add(l.key());
            }
        }
        return keys;
    }

    /**
     * Sets a key: replaces the value in the key's own line (spelling, spacing and a trailing comment
     * kept) or appends {@code key = "value"} at the end. Returns whether the file changed.
     *
     * @throws IllegalArgumentException when the key is not a valid .vmx key or key or value cannot be
     *         written in the file's charset
     */
    public boolean set(String key, String value) {
        checkKey(key);
        String raw = VmxEscape.escape(value);
        VmxLine old = byKey.get(lower(key));
        if (old != null && old.value().equals(value)) {
            return false;
        }
        byte[] encoded = encode(raw, "the value of " + key);
        if (old != null) {
            VmxLine replaced = old.withValue(encoded, raw, value);
            lines.set(indexOf(old), replaced);
            byKey.put(lower(key), replaced);
        } else {
            append(key, encoded, raw, value);
        }
        edited = true;
        return true;
    }

    /** Drops the key's line; returns whether there was one. */
    public boolean remove(String key) {
        VmxLine old = byKey.remove(lower(key));
        if (old == null) {
            return false;
        }
        lines.remove(indexOf(old));
        edited = true;
        return true;
    }

    /** Drops every line whose key starts with {@code prefix}, ignoring case; returns how many. */
    public int removeStartingWith(String prefix) {
        int removed = 0;
        for (String key : keysStartingWith(prefix)) {
            if (remove(key)) {
                removed++;
            }
        }
        return removed;
    }

    /** The file as it would be written now: the bytes as read when nothing was edited. */
    public byte[] toBytes() {
        if (!edited) {
            return Arrays.copyOf(source, sourceLength);
        }
        int total = 0;
        for (VmxLine l : lines) {
            total += l.end() - l.start();
        }
        byte[] out = new byte[total];
        int at = 0;
        for (VmxLine l : lines) {
            int n = l.end() - l.start();
            System.arraycopy(l.bytes(), l.start(), out, at, n);
            at += n;
        }
        return out;
    }

    /** The bytes as read, whatever was edited since. */
    public byte[] originalBytes() {
        return Arrays.copyOf(source, sourceLength);
    }

    public boolean isEdited() {
        return edited;
    }

    private void append(String key, byte[] encodedValue, String raw, String value) {
        int last = lines.size() - 1;
        if (last >= 0 && !lines.get(last).hasTerminator()) {
            VmxLine ended = lines.get(last).withTerminator(newline);
            lines.set(last, ended);
            if (ended.isSetting()) {
                byKey.put(lower(ended.key()), ended);
            }
        }
        byte[] k = encode(key, "the key " + key);
        byte[] out = new byte[k.length + 4 + encodedValue.length + 1 + newline.length];
        System.arraycopy(k, 0, out, 0, k.length);
        out[k.length] = ' ';
        out[k.length + 1] = '=';
        out[k.length + 2] = ' ';
        out[k.length + 3] = '"';
        System.arraycopy(encodedValue, 0, out, k.length + 4, encodedValue.length);
        out[k.length + 4 + encodedValue.length] = '"';
        System.arraycopy(newline, 0, out, out.length - newline.length, newline.length);
        VmxLine added = new VmxLine(0, out, 0, out.length, 0, k.length, k.length + 4,
                k.length + 4 + encodedValue.length, true, key, raw, value);
        lines.add(added);
        byKey.put(lower(key), added);
    }

    private int indexOf(VmxLine line) {
        for (int i = 0, n = lines.size(); i < n; i++) {
            if (lines.get(i) == line) {
                return i;
            }
        }
        throw new IllegalStateException("line of " + line.key() + " is not in " + path);
    }

    private byte[] encode(String text, String what) {
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buf = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " cannot be written in " + charset.name() + ", the charset of "
                    + path.getFileName());
        }
    }

    /** The key grammar of dictll.c: no whitespace, '=', '#'; quotes and control characters would not read back. */
    private static void checkKey(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a .vmx key cannot be empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == '=' || c == '#' || c == '"' || c == 0x7F) {
                throw new IllegalArgumentException("'" + key + "' is not a .vmx key (no spaces, '=', '#', '\"' "
                        + "or control characters)");
            }
        }
    }

    private static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }
}
