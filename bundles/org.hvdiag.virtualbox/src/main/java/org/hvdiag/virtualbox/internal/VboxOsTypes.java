package org.hvdiag.virtualbox.internal;

import java.util.List;
import java.util.Map;

import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.GuestOs.Family;

/**
 * VirtualBox's guest OS type ids ("Windows7_64", "Ubuntu_64", "Linux26", "MacOS1013_64") mapped onto
 * {@link GuestOs}, with releases ordered as {@link GuestOs} defines them.
 * <p>
 * Rules rather than one row per id: VirtualBox adds ids with most releases (7.0 brought "Debian12_64",
 * "Oracle9_x64" style names), and a rule that knows the family of "Debian*" reads those correctly
 * where a table would call them "other". Distribution ids say nothing about the kernel, so their
 * release is -1; only Linux22/24/26 name a kernel series.
 */
public final class VboxOsTypes {

    private record Windows(int release, boolean server, String name) { }

    /** Windows ids without the "_64" suffix. 8.1 has its own id in VirtualBox, unlike VMware: 63. */
    private static final Map<String, Windows> WINDOWS = Map.ofEntries(
            Map.entry("Windows31", new Windows(31, false, "Windows 3.1")),
            Map.entry("Windows95", new Windows(40, false, "Windows 95")),
            Map.entry("Windows98", new Windows(41, false, "Windows 98")),
            Map.entry("WindowsMe", new Windows(49, false, "Windows Me")),
            Map.entry("WindowsNT3x", new Windows(35, false, "Windows NT 3.x")),
            Map.entry("WindowsNT4", new Windows(40, false, "Windows NT 4")),
            Map.entry("WindowsNT", new Windows(-1, false, "Other Windows")),
            Map.entry("Windows2000", new Windows(50, false, "Windows 2000")),
            Map.entry("WindowsXP", new Windows(51, false, "Windows XP")),
            Map.entry("Windows2003", new Windows(51, true, "Windows Server 2003")),
            Map.entry("WindowsVista", new Windows(60, false, "Windows Vista")),
            Map.entry("Windows2008", new Windows(60, true, "Windows Server 2008")),
            Map.entry("Windows7", new Windows(61, false, "Windows 7")),
            Map.entry("Windows8", new Windows(62, false, "Windows 8")),
            Map.entry("Windows81", new Windows(63, false, "Windows 8.1")),
            Map.entry("Windows2012", new Windows(62, true, "Windows Server 2012")),
            Map.entry("Windows10", new Windows(100, false, "Windows 10")),
            Map.entry("Windows11", new Windows(100, false, "Windows 11")),
            Map.entry("Windows2016", new Windows(100, true, "Windows Server 2016")),
            Map.entry("Windows2019", new Windows(100, true, "Windows Server 2019")),
            Map.entry("Windows2022", new Windows(100, true, "Windows Server 2022")),
            Map.entry("Windows2025", new Windows(100, true, "Windows Server 2025")));

    /** Id prefixes of VirtualBox's Linux distributions; "Oracle" is Oracle Linux. */
    private static final List<String> LINUX = List.of("Linux", "ArchLinux", "Debian", "Fedora", "Gentoo", "Mandriva",
            "OpenMandriva", "Mageia", "OpenSUSE", "SUSE", "RedHat", "Turbolinux", "Ubuntu", "Xubuntu", "Lubuntu", "Kubuntu",
            "Xandros", "Oracle");

    private VboxOsTypes() {
    }

    /** The guest OS an id names; family OTHER and release -1 for ids these rules do not know. "" is unknown. */
    public static GuestOs of(String id) {
        if (id == null || id.isBlank()) {
            return GuestOs.UNKNOWN;
        }
        String base = withoutArchitecture(id);
        String bits = base.length() == id.length() ? "" : " (" + architecture(id) + ")";
        Windows w = WINDOWS.get(base);
        if (w != null) {
            return new GuestOs(id, Family.WINDOWS, w.release, w.server, w.name + bits);
        }
        if (base.startsWith("Windows")) {
            return new GuestOs(id, Family.WINDOWS, -1, false, id);
        }
        if (base.startsWith("MacOS")) {
            int darwin = darwin(base);
            return new GuestOs(id, Family.MACOS, darwin, false, (darwin < 0 ? "macOS" : "macOS 10." + (darwin - 4)) + bits);
        }
        for (String prefix : LINUX) {
            if (base.startsWith(prefix)) {
                boolean server = prefix.equals("RedHat") || prefix.equals("Oracle");
                return new GuestOs(id, Family.LINUX, kernel(base), server, base + bits);
            }
        }
        return new GuestOs(id, Family.OTHER, -1, false, base + bits);
    }

    /** "Ubuntu_64" and the 7.1 ARM ids "Ubuntu_arm64" to "Ubuntu". */
    private static String withoutArchitecture(String id) {
        int us = id.lastIndexOf('_');
        if (us > 0) {
            String tail = id.substring(us + 1);
            if (tail.equals("64") || tail.equals("x64") || tail.startsWith("arm")) {
                return id.substring(0, us);
            }
        }
        return id;
    }

    private static String architecture(String id) {
        String tail = id.substring(id.lastIndexOf('_') + 1);
        return tail.startsWith("arm") ? tail : "64-bit";
    }

    /** Linux22, Linux24, Linux26 name a kernel series; no other Linux id does. */
    private static int kernel(String base) {
        return switch (base) {
            case "Linux22" -> 202;
            case "Linux24" -> 204;
            case "Linux26" -> 206;
            default -> -1;
        };
    }

    /** "MacOS1013" is OS X 10.13, Darwin 17: Darwin = minor + 4 for 10.x. Plain "MacOS" does not say. */
    private static int darwin(String base) {
        String digits = base.substring(5);
        if (digits.length() >= 3 && digits.startsWith("10") && digits.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(digits.substring(2)) + 4;
        }
        return -1;
    }
}
