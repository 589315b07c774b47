package org.hvdiag.core.vmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hvdiag.core.model.UsbFilter;

/**
 * VMware's USB autoconnect settings, as a .vmx file holds them and as vSphere's extraConfig carries
 * the same keys: {@code usb.autoConnect.deviceN = "vid:0x0781 pid:0x5567"} (also "path:1/2/3
 * autoclean:1" or "name:SanDisk\ Cruzer vid:0781 pid:5567": space-separated name:value pairs, a
 * backslash keeping the next character), and {@code usb.generic.autoconnect}, which hands any newly
 * plugged device to the VM. An empty entry ({@code usb.autoConnect.device0 = ""}, as Workstation leaves
 * behind when a device is no longer auto-connected) names no device and so connects none: it is no rule.
 */
public final class VmwareAutoconnect {
    public static final String GENERIC_KEY = "usb.generic.autoconnect";
    public static final String RULE_PREFIX = "usb.autoConnect.device";

    /** A rule as read, and what in it could not be read (each an expectation, for an error message). */
    public record Rule(UsbFilter filter, List<String> problems) {
        public Rule {
            problems = List.copyOf(problems);
        }
    }

    private VmwareAutoconnect() {
    }

    /** N of usb.autoConnect.deviceN (any case), or -1 when the key is something else. */
    public static long index(String key) {
        int from = RULE_PREFIX.length();
        if (key.length() <= from || key.length() - from > 9 || !key.regionMatches(true, 0, RULE_PREFIX, 0, from)) {
            return -1;
        }
        for (int i = from; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(key.substring(from));
    }

    /**
     * The rule an entry holds, or empty when the entry is blank: a rule with no field would read as
     * "any device" ({@link UsbFilter#matchesAnyDevice()}), the opposite of what an empty entry does.
     */
    public static Optional<Rule> parse(String key, String pattern) {
        List<String> tokens = tokens(pattern);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        String name = "";
        String port = "";
        int vid = -1;
        int pid = -1;
        List<String> problems = new ArrayList<>(0);
        for (String token : tokens) {
            int colon = token.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = token.substring(0, colon);
            String value = token.substring(colon + 1);
            if (field.equalsIgnoreCase("name")) {
                name = value;
            } else if (field.equalsIgnoreCase("path")) {
                port = value;
            } else if (field.equalsIgnoreCase("vid")) {
                vid = hex16(value);
                if (vid < 0) {
                    problems.add("vid:XXXX with a hexadecimal vendor id, e.g. vid:0x0781");
                }
            } else if (field.equalsIgnoreCase("pid")) {
                pid = hex16(value);
                if (pid < 0) {
                    problems.add("pid:XXXX with a hexadecimal product id, e.g. pid:0x5567");
                }
            }
        }
        return Optional.of(new Rule(new UsbFilter(key, name, vid, pid, port, pattern, true), problems));
    }

    /** The generic switch as a filter that matches any device; {@code value} is its raw setting. */
    public static UsbFilter generic(String value) {
        return generic(value, true);
    }

    /** The generic switch as a rule that captures any device while {@code on}. */
    public static UsbFilter generic(String value, boolean on) {
        return new UsbFilter(GENERIC_KEY, "generic autoconnect", -1, -1, "", value, on);
    }

    static List<String> tokens(String pattern) {
        List<String> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                t.append(pattern.charAt(++i));
            } else if (c == ' ' || c == '\t') {
                if (t.length() > 0) {
                    out.add(t.toString());
                    t.setLength(0);
                }
            } else {
                t.append(c);
            }
        }
        if (t.length() > 0) {
            out.add(t.toString());
        }
        return out;
    }

    /** "0x0781" or "0781"; -1 when not a 16-bit hexadecimal number. */
    static int hex16(String v) {
        String digits = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
        if (digits.isEmpty() || digits.length() > 4) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                return -1; // Integer.parseInt would take a sign
            }
            n = n << 4 | d;
        }
        return n;
    }
}
