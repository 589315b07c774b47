package org.hvdiag.core.connector;

import java.util.Locale;

/** What a connector option's value is, so the CLI and the workbench can check it before connecting. */
public enum OptionType {
    TEXT("TEXT"),
    /** A whole number of at least 1 (cores, threads). */
    COUNT("N"),
    /** A size in MiB, at least 1. */
    MEBIBYTES("MIB"),
    /** A virtual hardware version as the hypervisor names it (vmx-19, 9.0, pc-q35-7.2). */
    HARDWARE_VERSION("VERSION"),
    /** A SHA-256 certificate thumbprint: 64 hex digits, colons and case optional. */
    THUMBPRINT("SHA256");

    private final String placeholder;

    OptionType(String placeholder) {
        this.placeholder = placeholder;
    }

    /** How help texts show a value of this type ("N", "SHA256"). */
    public String placeholder() {
        return placeholder;
    }

    /**
     * The value in its canonical form (a thumbprint as AA:BB:..., numbers without spaces).
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public String canonical(String value) {
        String v = value == null ? "" : value.trim();
        switch (this) {
            case COUNT, MEBIBYTES -> {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 1 || (this == COUNT && n > Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException("'" + v + "' is not " + (this == COUNT ? "a count" : "a size in MiB")
                            + " (expected a whole number of at least 1)");
                }
                return Long.toString(n);
            }
            case THUMBPRINT -> {
                String hex = v.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
                if (!hex.matches("[0-9A-F]{64}")) {
                    throw new IllegalArgumentException("'" + v + "' is not a SHA-256 thumbprint (expected 64 hex digits, "
                            + "colons optional, as hvdiag shows it when it refuses a certificate)");
                }
                StringBuilder s = new StringBuilder(95);
                for (int i = 0; i < 64; i += 2) {
                    if (i > 0) {
                        s.append(':');
                    }
                    s.append(hex, i, i + 2);
                }
                return s.toString();
            }
            default -> {
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("empty value");
                }
                return v;
            }
        }
    }
}
