package org.hvdiag.hyperv.internal;

/** Text and attribute values as XML character data: every value that goes into an envelope passes here. */
final class XmlText {
    private XmlText() {
    }

    /**
     * Escapes markup characters and refuses characters XML 1.0 cannot carry at all (most control
     * characters): silently dropping them would send a different value than the caller meant.
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                // Attribute values normalise raw tabs and line ends to spaces: keep them as references.
                case '\t' -> b.append("&#9;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                                + " (character " + (i + 1) + " of the value) cannot be sent in XML");
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
