package org.hvdiag.virtualbox.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VirtualBox's guest OS type descriptions ("Ubuntu (64-bit)", "Windows 7 (32-bit)") back to their
 * type ids ("Ubuntu_64", "Windows7"). VBoxManage showvminfo prints the description, not the id,
 * and only the id tells {@link VboxOsTypes} which Windows release a VM runs.
 * <p>
 * VirtualBox builds most descriptions as a base name plus "(32-bit)" or "(64-bit)", and its ids as
 * the base id plus "_64" for the 64-bit one: one row per base name covers both. A description not
 * known here is kept as it is, so a report shows what VirtualBox said rather than a guess.
 */
final class VboxOsDescriptions {

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern BITS = Pattern.compile("(.*\\S)\\s*\\((32|64)-bit\\)");
    private static final Pattern MAC = Pattern.compile("(?:Mac OS X|macOS) 10\\.(\\d{1,2})(?:\\s.*)?");

    /** Description base names as VirtualBox's guest OS table has them, to base ids. */
    private static final Map<String, String> BASES = Map.ofEntries(
            Map.entry("Other/Unknown", "Other"),
            Map.entry("Windows 3.1", "Windows31"),
            Map.entry("Windows 95", "Windows95"),
            Map.entry("Windows 98", "Windows98"),
            Map.entry("Windows ME", "WindowsMe"),
            Map.entry("Windows NT 3.x", "WindowsNT3x"),
            Map.entry("Windows NT 4", "WindowsNT4"),
            Map.entry("Windows 2000", "Windows2000"),
            Map.entry("Windows XP", "WindowsXP"),
            Map.entry("Windows 2003", "Windows2003"),
            Map.entry("Windows Vista", "WindowsVista"),
            Map.entry("Windows 2008", "Windows2008"),
            Map.entry("Windows 7", "Windows7"),
            Map.entry("Windows 8", "Windows8"),
            Map.entry("Windows 8.1", "Windows81"),
            Map.entry("Windows 2012", "Windows2012"),
            Map.entry("Windows 10", "Windows10"),
            Map.entry("Windows 11", "Windows11"),
            Map.entry("Windows 2016", "Windows2016"),
            Map.entry("Windows 2019", "Windows2019"),
            Map.entry("Windows 2022", "Windows2022"),
            Map.entry("Other Windows", "WindowsNT"),
            Map.entry("Linux 2.2", "Linux22"),
            Map.entry("Linux 2.4", "Linux24"),
            Map.entry("Linux 2.6 / 3.x / 4.x", "Linux26"),
            Map.entry("Linux 2.6 / 3.x / 4.x / 5.x", "Linux26"),
            Map.entry("Linux 2.6", "Linux26"),
            Map.entry("Arch Linux", "ArchLinux"),
            Map.entry("Debian", "Debian"),
            Map.entry("openSUSE", "OpenSUSE"),
            Map.entry("Fedora", "Fedora"),
            Map.entry("Gentoo", "Gentoo"),
            Map.entry("Mandriva", "Mandriva"),
            Map.entry("Red Hat", "RedHat"),
            Map.entry("Turbolinux", "Turbolinux"),
            Map.entry("Ubuntu", "Ubuntu"),
            Map.entry("Xandros", "Xandros"),
            Map.entry("Oracle", "Oracle"),
            Map.entry("Oracle Linux", "Oracle"),
            Map.entry("Other Linux", "Linux"),
            Map.entry("Mac OS X", "MacOS"),
            Map.entry("FreeBSD", "FreeBSD"),
            Map.entry("OpenBSD", "OpenBSD"),
            Map.entry("NetBSD", "NetBSD"));

    private VboxOsDescriptions() {
    }

    /** The type id a description stands for; an id stays an id, unknown text stays as written. */
    static String idOf(String text) {
        String t = text.strip();
        if (t.isEmpty() || ID.matcher(t).matches()) {
            return t;
        }
        Matcher bits = BITS.matcher(t);
        String base = bits.matches() ? bits.group(1) : t;
        String suffix = bits.matches() && bits.group(2).equals("64") ? "_64" : "";
        String id = BASES.get(base);
        if (id == null) {
            Matcher mac = MAC.matcher(base);
            if (!mac.matches()) {
                return t;
            }
            id = "MacOS10" + mac.group(1);
        }
        return id + suffix;
    }
}
