package org.hvdiag.audit.report;

/**
 * Escapes text for HTML element content and quoted attribute values alike. VM names and evidence
 * come from hypervisors and can hold markup ("&lt;script&gt;"), so every string that is not a
 * literal of this package goes through here. C0 controls other than tab, LF and CR are not allowed
 * in HTML and become U+FFFD.
 */
final class HtmlText {
    private HtmlText() {
    }

    private static final CharEscape ESCAPE = HtmlText::replacement;

    static String of(String text) {
        return ESCAPE.apply(text);
    }

    private static String replacement(char c) {
        switch (c) {
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            case '"':
                return "&quot;";
            case '\'':
                return "&#39;";
            case '\t':
            case '\n':
            case '\r':
                return null;
            default:
                return c < 0x20 || c == 0x7f ? "\uFFFD" : null;
        }
    }
}
