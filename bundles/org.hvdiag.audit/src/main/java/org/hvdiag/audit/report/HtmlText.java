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

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            sb.append(replacement);
        }
        return sb == null ? text : sb.toString();
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
