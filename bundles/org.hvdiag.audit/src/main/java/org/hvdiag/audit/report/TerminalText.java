package org.hvdiag.audit.report;

/**
 * Makes hypervisor-supplied text safe to print on a terminal. A VM name can hold a newline (which
 * would forge a report line) or an escape sequence (which would drive the terminal), so control
 * characters are shown as Java-style escapes instead of being sent.
 */
final class TerminalText {
    private TerminalText() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c)) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** C0, DEL and C1: C1 includes the one-byte CSI that some terminals honour. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
