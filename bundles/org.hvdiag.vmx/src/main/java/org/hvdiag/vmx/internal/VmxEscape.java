package org.hvdiag.vmx.internal;

import java.util.Arrays;

/**
 * VMware's escaping of dictionary values (open-vm-tools lib/dict/dictll.c): a writer replaces '"',
 * '|', DEL and control characters other than tab by '|' and two hex digits, and a reader turns every
 * '|' followed by two hex digits back into that byte. Backslashes are ordinary characters, which is
 * why a Windows path such as "D:\" ends at its quote.
 */
final class VmxEscape {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private VmxEscape() {
    }

    static String escape(String value) {
        int n = value.length();
        int i = 0;
        while (i < n && !needsEscape(value.charAt(i))) {
            i++;
        }
        if (i == n) {
            return value;
        }
        StringBuilder out = new StringBuilder(n + 8).append(value, 0, i);
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                out.append('|').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return (c < 0x20 && c != '\t') || c == '"' || c == '|' || c == 0x7F;
    }

    static boolean hasEscape(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '|') {
                return true;
            }
        }
        return false;
    }

    /** The bytes of {@code b[from..to)} with each |XX replaced by its byte; other '|' stay as they are. */
    static byte[] unescape(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            int hi;
            int lo;
            if (c == '|' && i + 2 < to && (hi = hex(b[i + 1])) >= 0 && (lo = hex(b[i + 2])) >= 0) {
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[n++] = c;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
