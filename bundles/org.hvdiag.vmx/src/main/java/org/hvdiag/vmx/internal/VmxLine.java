package org.hvdiag.vmx.internal;

/**
 * One line of a .vmx file exactly as read, line terminator included, and for a setting where its key
 * and value sit in those bytes. {@code bytes} is shared with the whole file until the line is edited,
 * so reading a file copies no line. {@code key} is null for blank and comment lines; {@code rawValue}
 * keeps VMware's |XX escapes, {@code value} has them undone.
 */
record VmxLine(int number, byte[] bytes, int start, int end, int keyStart, int keyEnd, int valueStart,
        int valueEnd, boolean quoted, String key, String rawValue, String value) {

    /** A blank or comment line. */
    static VmxLine text(int number, byte[] bytes, int start, int end) {
        return new VmxLine(number, bytes, start, end, -1, -1, -1, -1, false, null, null, null);
    }

    boolean isSetting() {
        return key != null;
    }

    boolean hasTerminator() {
        return end > start && bytes[end - 1] == '\n';
    }

    /**
     * This line with its value replaced by {@code "encodedValue"}; indentation, key spelling, spacing,
     * a trailing comment and the line terminator stay as they were.
     */
    VmxLine withValue(byte[] encodedValue, String newRawValue, String newValue) {
        int tokenStart = quoted ? valueStart - 1 : valueStart;
        int tokenEnd = quoted ? valueEnd + 1 : valueEnd;
        int prefix = tokenStart - start;
        int suffix = end - tokenEnd;
        byte[] out = new byte[prefix + 1 + encodedValue.length + 1 + suffix];
        System.arraycopy(bytes, start, out, 0, prefix);
        out[prefix] = '"';
        System.arraycopy(encodedValue, 0, out, prefix + 1, encodedValue.length);
        out[prefix + 1 + encodedValue.length] = '"';
        System.arraycopy(bytes, tokenEnd, out, prefix + 2 + encodedValue.length, suffix);
        return new VmxLine(number, out, 0, out.length, keyStart - start, keyEnd - start, prefix + 1,
                prefix + 1 + encodedValue.length, true, key, newRawValue, newValue);
    }

    /** This line ended by {@code newline}: the last line of a file may have none, and a line appended after it needs one. */
    VmxLine withTerminator(byte[] newline) {
        int n = end - start;
        byte[] out = new byte[n + newline.length];
        System.arraycopy(bytes, start, out, 0, n);
        System.arraycopy(newline, 0, out, n, newline.length);
        return isSetting()
                ? new VmxLine(number, out, 0, out.length, keyStart - start, keyEnd - start, valueStart - start,
                        valueEnd - start, quoted, key, rawValue, value)
                : text(number, out, 0, out.length);
    }
}
