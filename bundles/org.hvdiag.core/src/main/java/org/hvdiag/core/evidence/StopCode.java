package org.hvdiag.core.evidence;

import java.util.Locale;
import java.util.Map;

/**
 * A Windows bug check (stop) code as a guest reported it. Names follow Microsoft's "Bug check code
 * reference"; the ones listed are those a USB or driver fault in a VM leads to, plus the common
 * ones an admin will recognise on sight.
 */
public record StopCode(long code) {
    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x0AL, "IRQL_NOT_LESS_OR_EQUAL"),
            Map.entry(0x1EL, "KMODE_EXCEPTION_NOT_HANDLED"),
            Map.entry(0x3BL, "SYSTEM_SERVICE_EXCEPTION"),
            Map.entry(0x50L, "PAGE_FAULT_IN_NONPAGED_AREA"),
            Map.entry(0x7EL, "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED"),
            Map.entry(0x9FL, "DRIVER_POWER_STATE_FAILURE"),
            Map.entry(0xC4L, "DRIVER_VERIFIER_DETECTED_VIOLATION"),
            Map.entry(0xD1L, "DRIVER_IRQL_NOT_LESS_OR_EQUAL"),
            Map.entry(0xEFL, "CRITICAL_PROCESS_DIED"),
            Map.entry(0xFEL, "BUGCODE_USB_DRIVER"),
            Map.entry(0x101L, "CLOCK_WATCHDOG_TIMEOUT"),
            Map.entry(0x124L, "WHEA_UNCORRECTABLE_ERROR"),
            Map.entry(0x133L, "DPC_WATCHDOG_VIOLATION"),
            Map.entry(0x139L, "KERNEL_SECURITY_CHECK_FAILURE"),
            Map.entry(0x144L, "BUGCODE_USB3_DRIVER"));

    /** Parses "0xFE", "0x000000fe", "254" or "0x000000FE (0x..., ...)"; null when it is none of these. */
    public static StopCode parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int cut = 0;
        while (cut < s.length() && !Character.isWhitespace(s.charAt(cut)) && s.charAt(cut) != '(' && s.charAt(cut) != ',') {
            cut++;
        }
        s = s.substring(0, cut).toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("0x")) {
                return s.length() > 2 ? new StopCode(Long.parseUnsignedLong(s.substring(2), 16)) : null;
            }
            return s.isEmpty() ? null : new StopCode(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Microsoft's symbolic name, or "" for a code not listed. */
    public String name() {
        return NAMES.getOrDefault(code, "");
    }

    public boolean isUsbDriver() {
        return code == 0xFEL || code == 0x144L;
    }

    @Override
    public String toString() {
        String hex = "0x" + Long.toHexString(code).toUpperCase(Locale.ROOT);
        return name().isEmpty() ? hex : hex + " " + name();
    }
}
