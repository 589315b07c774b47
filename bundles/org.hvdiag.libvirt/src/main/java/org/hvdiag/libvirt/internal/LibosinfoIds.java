package org.hvdiag.libvirt.internal;

import java.util.Map;

import org.hvdiag.core.model.GuestOs;

/**
 * libosinfo's OS ids (virt-install and virt-manager write them into the domain's metadata) to
 * hvdiag's guest OS. Windows releases use core's numbers (61 for 7 and 2008 R2, 62 for 8 and 2012,
 * 63 for 8.1 and 2012 R2, 100 for 10 and later); known Linux distributions are Linux of unknown
 * kernel series; anything else keeps its id as OTHER.
 */
final class LibosinfoIds {

    private record Windows(int release, boolean server, String name) {
    }

    private static final String WIN = "http://microsoft.com/win/";

    private static final Map<String, Windows> WINDOWS = Map.ofEntries(
            Map.entry("xp", new Windows(51, false, "Windows XP")),
            Map.entry("2k3", new Windows(52, true, "Windows Server 2003")),
            Map.entry("2k3r2", new Windows(52, true, "Windows Server 2003 R2")),
            Map.entry("vista", new Windows(60, false, "Windows Vista")),
            Map.entry("2k8", new Windows(60, true, "Windows Server 2008")),
            Map.entry("7", new Windows(61, false, "Windows 7")),
            Map.entry("2k8r2", new Windows(61, true, "Windows Server 2008 R2")),
            Map.entry("8", new Windows(62, false, "Windows 8")),
            Map.entry("2k12", new Windows(62, true, "Windows Server 2012")),
            Map.entry("8.1", new Windows(63, false, "Windows 8.1")),
            Map.entry("2k12r2", new Windows(63, true, "Windows Server 2012 R2")),
            Map.entry("10", new Windows(100, false, "Windows 10")),
            Map.entry("11", new Windows(100, false, "Windows 11")),
            Map.entry("2k16", new Windows(100, true, "Windows Server 2016")),
            Map.entry("2k19", new Windows(100, true, "Windows Server 2019")),
            Map.entry("2k22", new Windows(100, true, "Windows Server 2022")),
            Map.entry("2k25", new Windows(100, true, "Windows Server 2025")));

    /** Hosts of libosinfo's Linux distribution ids ("http://ubuntu.com/ubuntu/22.04"). */
    private static final String[] LINUX = {"ubuntu.com", "debian.org", "fedoraproject.org", "redhat.com", "centos.org",
        "opensuse.org", "suse.com", "archlinux.org", "almalinux.org", "rockylinux.org", "alpinelinux.org", "gentoo.org",
        "linuxmint.com", "mageia.org", "oracle.com", "slackware.com", "novell.com", "mandriva.com", "altlinux.org"};

    private LibosinfoIds() {
    }

    static GuestOs guestOs(String id) {
        if (id == null || id.isEmpty()) {
            return GuestOs.UNKNOWN;
        }
        if (id.startsWith(WIN)) {
            Windows w = WINDOWS.get(id.substring(WIN.length()));
            return w == null ? new GuestOs(id, GuestOs.Family.WINDOWS, -1, false, id)
                    : new GuestOs(id, GuestOs.Family.WINDOWS, w.release(), w.server(), w.name());
        }
        for (String host : LINUX) {
            if (id.startsWith("http://" + host + "/")) {
                return new GuestOs(id, GuestOs.Family.LINUX, -1, false, id);
            }
        }
        if (id.startsWith("http://apple.com/")) {
            return new GuestOs(id, GuestOs.Family.MACOS, -1, false, id);
        }
        return new GuestOs(id, GuestOs.Family.OTHER, -1, false, id);
    }
}
