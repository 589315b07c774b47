package org.hvdiag.audit.report;

/**
 * Rewrites the characters of hypervisor-supplied text that a format cannot carry as they are.
 * Strings that need no change are returned as they are, so clean names cost no copy.
 */
@FunctionalInterface
interface CharEscape {

    /** What to write instead of {@code c}, or null to keep it. */
    String replacement(char c);

    default String apply(String text) {
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
}
