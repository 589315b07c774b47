package org.hvdiag.audit.report;

/**
 * Makes hypervisor-supplied text safe to print on a terminal. A VM name can hold a newline (which
 * would forge a report line) or an escape sequence (which would drive the terminal), so control
 * characters are shown as Java-style escapes instead of being sent.
 */
final class TerminalText {
    private TerminalText() {
    }

    private static final CharEscape ESCAPE = TerminalText::replacement;

    static String of(String text) {
        return ESCAPE.apply(text);
    }

    private static String replacement(char c) {
        if (!isControl(c)) {
            return null;
        }
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                return String.format("\\u%04x", (int) c);
        }
    }

    /** C0, DEL and C1: C1 includes the one-byte CSI that some terminals honour. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
