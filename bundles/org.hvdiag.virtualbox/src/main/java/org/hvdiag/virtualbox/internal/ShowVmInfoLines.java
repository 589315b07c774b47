package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.UnreadableFile;

/**
 * The key=value lines of {@code VBoxManage showvminfo VM --machinereadable}, as VBoxManage writes
 * them from 4.x to 7.x: {@code memory=1024}, {@code name="Lab PC"}, keys quoted when they hold
 * odd characters ({@code "SATA-0-0"="..."}), {@code \"} and {@code \\} escapes inside quotes, and
 * text after a closing quote ({@code VideoMode="720,400,0"@0,0 1}) kept as written.
 * <p>
 * A quoted value can span lines: VBoxManage does not escape newlines, so a VM's description
 * continues until its closing quote. Unquoted keys may hold spaces and brackets
 * ({@code GuestAdditionsFacility_VirtualBox Base Driver=50,...}, {@code vrdeproperty[TCP/Ports]=...}).
 */
final class ShowVmInfoLines {

    /** One key and its value, with the line it starts on. */
    record Entry(String key, String value, int line) { }

    private final String file;
    private final String[] lines;
    private int at;

    private ShowVmInfoLines(String file, String text) {
        this.file = file;
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lines = t.split("\r?\n", -1);
    }

    /** Every entry in file order; a line that is not key=value is an error naming it. */
    static List<Entry> parse(String file, String text) throws UnreadableFile {
        return new ShowVmInfoLines(file, text).entries();
    }

    private List<Entry> entries() throws UnreadableFile {
        List<Entry> out = new ArrayList<>();
        for (at = 0; at < lines.length; at++) {
            String line = lines[at];
            if (line.isBlank()) {
                continue;
            }
            out.add(entry(line, at + 1));
        }
        return out;
    }

    private Entry entry(String line, int number) throws UnreadableFile {
        String key;
        int pos;
        if (line.startsWith("\"")) {
            StringBuilder k = new StringBuilder();
            pos = closingQuote(line, 1, k);
            if (pos < 0) {
                throw new UnreadableFile(file, number, "the quoted key " + shown(line)
                        + " has no closing quote, expected \"KEY\"=value");
            }
            pos++;
            if (pos >= line.length() || line.charAt(pos) != '=') {
                throw new UnreadableFile(file, number, "expected = after the quoted key, found " + shown(line));
            }
            key = k.toString();
        } else {
            pos = line.indexOf('=');
            if (pos < 0) {
                throw new UnreadableFile(file, number, "expected key=value (a line of VBoxManage showvminfo "
                        + "--machinereadable output), found " + shown(line));
            }
            key = line.substring(0, pos).trim();
        }
        if (key.isEmpty()) {
            throw new UnreadableFile(file, number, "a value without a key, expected key=value, found " + shown(line));
        }
        return new Entry(key, value(line, pos + 1, number), number);
    }

    /** The value from {@code start}; a quoted one may continue over the following lines. */
    private String value(String line, int start, int number) throws UnreadableFile {
        if (start >= line.length() || line.charAt(start) != '"') {
            return line.substring(start);
        }
        StringBuilder v = new StringBuilder();
        String current = line;
        int from = start + 1;
        while (true) {
            int close = closingQuote(current, from, v);
            if (close >= 0) {
                // Text after the closing quote is part of what VBoxManage printed (VideoMode).
                return v.append(current, close + 1, current.length()).toString();
            }
            if (at + 1 >= lines.length) {
                throw new UnreadableFile(file, number, "the quoted value that starts here is never closed, "
                        + "expected a closing \" before the end of the file");
            }
            v.append('\n');
            current = lines[++at];
            from = 0;
        }
    }

    /**
     * Appends the unescaped text from {@code from} to the closing quote and returns its index, or
     * -1 when the line ends first. Only \" and \\ are escapes: older VBoxManage wrote Windows paths
     * unescaped, and "C:\Users" must stay as it is.
     */
    private static int closingQuote(String s, int from, StringBuilder out) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                out.append(s.charAt(++i));
            } else if (c == '"') {
                return i;
            } else {
                out.append(c);
            }
        }
        return -1;
    }

    private static String shown(String line) {
        String l = line.strip();
        return "\"" + (l.length() > 60 ? l.substring(0, 60) + "..." : l) + "\"";
    }
}
