package org.hvdiag.vmx.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the bytes of a VMware dictionary file into {@link VmxLine}s by scanning bytes, in VMware's
 * own grammar (open-vm-tools lib/dict/dictll.c):
 * <pre>
 *   ws name ws = ws "quoted value" ws # comment
 *   ws name ws = ws value ws # comment
 *   ws # comment
 * </pre>
 * A name holds no whitespace, '=' or '#'; a quoted value ends at the next '"' (VMware writes a quote
 * inside a value as |22, so there is no backslash escape); an unquoted value ends at whitespace or '#'.
 * Keys, '=', quotes and '#' are ASCII in every charset a .vmx may declare, so lines are split before
 * the charset is known; lines with bytes above 0x7F or |XX escapes are decoded once it is.
 * <p>
 * A line outside the grammar is damaged: like VMware's reader (dictll.c hands it up with no name and no
 * value), the parser takes no setting from it and keeps its bytes, and it is listed with what was
 * expected there. Only a damaged {@code .encoding} line costs the whole file: every other line's
 * meaning depends on it.
 */
final class VmxParser {
    private static final byte[] LF = {'\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final String EXPECTED = " (expected key = \"value\")";

    private final Path file;
    private final byte[] b;
    private final int len;
    private final List<VmxLine> lines = new ArrayList<>(96);
    private final List<VmxFile.DamagedLine> damaged = new ArrayList<>(0);
    private int[] deferred = new int[8];
    private int deferredCount;
    private int encodingLine;
    private String encodingName;
    private byte[] newline;

    private VmxParser(Path file, byte[] b, int len) {
        this.file = file;
        this.b = b;
        this.len = len;
    }

    static VmxFile parse(Path file, byte[] bytes, int length) throws VmxFileException {
        return new VmxParser(file, bytes, length).parse();
    }

    private VmxFile parse() throws VmxFileException {
        boolean bom = len >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
        int pos = 0;
        int lineNo = 0;
        while (pos < len) {
            lineNo++;
            int contentStart = lineNo == 1 && bom ? 3 : pos;
            int nl = contentStart;
            int high = 0;
            while (nl < len) {
                byte c = b[nl];
                if (c == '\n') {
                    break;
                }
                high |= c;
                nl++;
            }
            int end = nl < len ? nl + 1 : len;
            int contentEnd = nl > contentStart && b[nl - 1] == '\r' ? nl - 1 : nl;
            if (newline == null && nl < len) {
                newline = contentEnd < nl ? CRLF : LF;
            }
            if (contentEnd - contentStart > VmxReader.MAX_LINE) {
                throw new VmxFileException(file, lineNo, "line longer than " + (VmxReader.MAX_LINE >> 10) + " KiB"
                        + EXPECTED);
            }
            parseLine(lineNo, pos, end, contentStart, contentEnd, high < 0);
            pos = end;
        }
        Charset charset = charset();
        decodeDeferred(charset);
        Map<String, VmxLine> byKey = index();
        return new VmxFile(file, b, len, charset, newline == null ? LF : newline, lines, byKey, damaged);
    }

    private void parseLine(int lineNo, int start, int end, int cs, int ce, boolean nonAscii) throws VmxFileException {
        int i = skipBlanks(cs, ce);
        if (i == ce || b[i] == '#') {
            lines.add(VmxLine.text(lineNo, b, start, end));
            return;
        }
        int keyStart = i;
        while (i < ce) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '=' || c == '#') {
                break;
            }
            i++;
        }
        int keyEnd = i;
        i = skipBlanks(i, ce);
        if (keyEnd == keyStart || i == ce || b[i] != '=') {
            // No "key =": whatever the first word is, the line may be any text, so it is not named.
            damaged(lineNo, start, end, keyStart, keyEnd, "", "not a setting" + EXPECTED);
            return;
        }
        i = skipBlanks(i + 1, ce);
        int valueStart;
        int valueEnd;
        boolean quoted = i < ce && b[i] == '"';
        if (quoted) {
            valueStart = i + 1;
            valueEnd = valueStart;
            while (valueEnd < ce && b[valueEnd] != '"') {
                valueEnd++;
            }
            if (valueEnd == ce) {
                damaged(lineNo, start, end, keyStart, keyEnd, asciiKey(keyStart, keyEnd),
                        "unterminated quoted value" + EXPECTED);
                return;
            }
            i = valueEnd + 1;
        } else {
            valueStart = i;
            while (i < ce && b[i] != ' ' && b[i] != '\t' && b[i] != '#') {
                i++;
            }
            valueEnd = i;
        }
        i = skipBlanks(i, ce);
        if (i < ce && b[i] != '#') {
            damaged(lineNo, start, end, keyStart, keyEnd, asciiKey(keyStart, keyEnd),
                    "unexpected text after the value (expected key = \"value\", then at most a # comment)");
            return;
        }
        if (!nonAscii && isEncodingKey(keyStart, keyEnd)) {
            encodingLine = lineNo;
            encodingName = new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        }
        if (nonAscii || VmxEscape.hasEscape(b, valueStart, valueEnd)) {
            if (deferredCount == deferred.length) {
                deferred = Arrays.copyOf(deferred, deferredCount * 2);
            }
            deferred[deferredCount++] = lines.size();
            lines.add(new VmxLine(lineNo, b, start, end, keyStart, keyEnd, valueStart, valueEnd, quoted, null, null, null));
            return;
        }
        String key = new String(b, keyStart, keyEnd - keyStart, StandardCharsets.ISO_8859_1);
        String value = new String(b, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        lines.add(new VmxLine(lineNo, b, start, end, keyStart, keyEnd, valueStart, valueEnd, quoted, key, value, value));
    }

    /** Keeps the line's bytes as they are and lists it; a damaged .encoding line fails the whole file. */
    private void damaged(int lineNo, int start, int end, int keyStart, int keyEnd, String key, String reason)
            throws VmxFileException {
        if (isEncodingKey(keyStart, keyEnd)) {
            throw new VmxFileException(file, lineNo, "the .encoding line is damaged: " + reason + "; without it the "
                    + "charset of every other line is unknown");
        }
        lines.add(VmxLine.text(lineNo, b, start, end));
        damaged.add(new VmxFile.DamagedLine(lineNo, key, reason));
    }

    /** The key as written when it is printable ASCII, to name it in a message; "" otherwise. */
    private String asciiKey(int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] <= ' ' || b[i] == 0x7F) { // bytes above 0x7F are negative, so below ' '
                return "";
            }
        }
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    private int skipBlanks(int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private boolean isEncodingKey(int from, int to) {
        String k = ".encoding";
        if (to - from != k.length()) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != k.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private Charset charset() throws VmxFileException {
        if (encodingName == null) {
            return StandardCharsets.UTF_8;
        }
        VmxCharset.Result r = VmxCharset.forName(encodingName);
        if (r.charset() == null) {
            throw new VmxFileException(file, encodingLine, r.problem());
        }
        return r.charset();
    }

    private void decodeDeferred(Charset charset) throws VmxFileException {
        if (deferredCount == 0) {
            return;
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int d = 0; d < deferredCount; d++) {
            int index = deferred[d];
            VmxLine l = lines.get(index);
            try {
                String key = decode(decoder, b, l.keyStart(), l.keyEnd());
                String raw = decode(decoder, b, l.valueStart(), l.valueEnd());
                String value = raw;
                if (VmxEscape.hasEscape(b, l.valueStart(), l.valueEnd())) {
                    byte[] plain = VmxEscape.unescape(b, l.valueStart(), l.valueEnd());
                    value = decode(decoder, plain, 0, plain.length);
                }
                lines.set(index, new VmxLine(l.number(), b, l.start(), l.end(), l.keyStart(), l.keyEnd(), l.valueStart(),
                        l.valueEnd(), l.quoted(), key, raw, value));
            } catch (CharacterCodingException e) {
                throw new VmxFileException(file, l.number(), "bytes not valid in " + charset.name() + " ("
                        + (encodingName == null ? "the default when no .encoding line names another charset"
                                : "the charset the .encoding line " + encodingLine + " names")
                        + ")");
            }
        }
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int from, int to) throws CharacterCodingException {
        int high = 0;
        for (int i = from; i < to; i++) {
            high |= bytes[i];
        }
        if (high >= 0) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        decoder.reset();
        return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    }

    private Map<String, VmxLine> index() throws VmxFileException {
        Map<String, VmxLine> byKey = new HashMap<>(lines.size() * 2);
        for (int i = 0, n = lines.size(); i < n; i++) {
            VmxLine l = lines.get(i);
            if (!l.isSetting()) {
                continue;
            }
            VmxLine first = byKey.putIfAbsent(l.key().toLowerCase(Locale.ROOT), l);
            if (first != null) {
                throw new VmxFileException(file, l.number(), "duplicate key '" + l.key() + "' (first at line "
                        + first.number() + (first.key().equals(l.key()) ? "" : " as '" + first.key()
                                + "'; VMware keys ignore case") + ")");
            }
        }
        return byKey;
    }
}
