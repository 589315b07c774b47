package org.hvdiag.audit.internal.rules;

/**
 * VirtualBox versions as "major.minor.patch" packed into one long, so rules compare them without
 * allocating: they run per VM. What follows the patch number (a revision "r161033", a distribution's
 * "_Ubuntu") is ignored, as it is when VirtualBox matches its extension pack.
 */
final class VirtualBoxVersion {
    static final long UNKNOWN = -1;
    private static final int PART = 10_000;

    private VirtualBoxVersion() {
    }

    /** The version starting at {@code from} in {@code text}, or UNKNOWN without all three numbers. */
    static long parse(String text, int from) {
        long key = 0;
        int i = from;
        for (int part = 0; part < 3; part++) {
            int start = i;
            int n = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 4) {
                n = n * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9')) {
                return UNKNOWN;
            }
            if (part < 2) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return UNKNOWN;
                }
                i++;
            }
            key = key * PART + n;
        }
        return key;
    }

    static long parse(String text) {
        return parse(text, 0);
    }

    static int major(long version) {
        return (int) (version / ((long) PART * PART));
    }

    static String text(long version) {
        return major(version) + "." + (version / PART) % PART + "." + version % PART;
    }
}
