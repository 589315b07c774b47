package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a .txt file is saved {@code VBoxManage showvminfo --machinereadable} output, told from
 * how it begins: its first non-empty lines are key=value and at least one key is one VBoxManage
 * prints (name, UUID, ostype, usb, USBFilterActive1, ...). Admins keep notes and logs as .txt
 * beside their VMs; those must not turn into errors in a folder audit.
 */
final class ShowVmInfoHead {

    /** What a look at a file's first lines found. */
    record Look(boolean isShowVmInfo, int line, String found) {
        /** Why the file is not showvminfo output, for an admin who named it. */
        String reason() {
            return found.isEmpty() ? "an empty file, expected saved VBoxManage showvminfo VM --machinereadable output "
                    + "(key=value lines such as name=\"...\", UUID=\"...\", usb=\"on\")"
                    : "not VBoxManage showvminfo --machinereadable output: expected key=value lines such as name=\"...\", "
                            + "UUID=\"...\", usb=\"on\", found \"" + found + "\"";
        }
    }

    private static final int LINES = 3;
    private static final int BYTES = 8192;
    private static final Pattern KEY_VALUE = Pattern.compile("(?:\"([^\"]+)\"|([A-Za-z][^=\\s\"]*))=.*");
    private static final Set<String> KNOWN = Set.of("name", "encryption", "groups", "ostype", "uuid", "cfgfile", "snapfldr",
            "logfldr", "hardwareuuid", "memory", "cpus", "firmware", "chipset", "vmstate", "usb", "ehci", "xhci");

    private ShowVmInfoHead() {
    }

    static boolean isTxtName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".txt");
    }

    /** A file that cannot be read is not recognised; reading it in earnest reports why. */
    static Look of(Path file) {
        try {
            return of(SavedOutput.head(file, BYTES));
        } catch (IOException e) {
            return new Look(false, 0, "");
        }
    }

    static Look of(String head) {
        String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
        String[] lines = text.split("\r?\n", -1);
        int seen = 0;
        int first = 0;
        boolean known = false;
        for (int i = 0; i < lines.length && seen < LINES; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (seen++ == 0) {
                first = i;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                return new Look(false, i + 1, shorter(line));
            }
            String key = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            known |= KNOWN.contains(key) || key.startsWith("usbfilter");
        }
        if (seen == 0) {
            return new Look(false, 0, "");
        }
        return known ? new Look(true, 0, "") : new Look(false, first + 1, shorter(lines[first].strip()));
    }

    private static String shorter(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
