package org.hvdiag.vmx.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.model.ObjectError;

/**
 * The values of one .vmx read as VMware reads them: booleans TRUE/FALSE in any case, whole numbers.
 * A value that is neither is reported once, with its line, and the caller's default stands in, so
 * one odd value does not hide the rest of the VM.
 */
final class VmxSettings {
    private static final int SHOWN_VALUE_CHARS = 40;

    private final VmxFile file;
    private final List<ObjectError> errors = new ArrayList<>(0);

    VmxSettings(VmxFile file) {
        this.file = file;
    }

    VmxFile file() {
        return file;
    }

    /** The value, or "" when the key is not set. */
    String text(String key) {
        String v = file.value(key);
        return v == null ? "" : v;
    }

    boolean flag(String key, boolean absent) {
        String v = file.value(key);
        if (v == null) {
            return absent;
        }
        Boolean b = parseFlag(v);
        if (b == null) {
            problem(key, "TRUE or FALSE");
            return absent;
        }
        return b;
    }

    /** TRUE or FALSE in any case; null for anything else. */
    static Boolean parseFlag(String v) {
        if (v.equalsIgnoreCase("TRUE")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("FALSE")) {
            return Boolean.FALSE;
        }
        return null;
    }

    long number(String key, long absent, String expected) {
        String v = file.value(key);
        if (v == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, expected);
        return -1;
    }

    void problem(String key, String expected) {
        String v = text(key);
        String shown = v.length() > SHOWN_VALUE_CHARS ? v.substring(0, SHOWN_VALUE_CHARS) + "..." : v;
        int line = file.lineOf(key);
        errors.add(new ObjectError(file.path().toString(), line > 0 ? "line " + line : "",
                key + " = \"" + shown + "\": expected " + expected));
    }

    List<ObjectError> errors() {
        return errors;
    }
}
