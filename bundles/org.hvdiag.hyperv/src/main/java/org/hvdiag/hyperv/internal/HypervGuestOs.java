package org.hvdiag.hyperv.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hvdiag.core.model.GuestOs;

/**
 * The guest OS from the name a running guest reports over Key-Value Pair Exchange (OSName, e.g.
 * "Windows Server 2019 Datacenter", "Ubuntu 22.04.3 LTS"). Hyper-V's VM settings do not record the
 * guest, so a VM that is off or whose guest does not report is {@link GuestOs#UNKNOWN}.
 * Windows releases follow GuestOs' numbering (60 Vista/2008, 61 7/2008 R2, 62 8/2012, 63 8.1/2012 R2,
 * 100 for 10, 11 and Server 2016 and later).
 */
final class HypervGuestOs {
    private static final Pattern SERVER_YEAR = Pattern.compile("server\\s+(\\d{4})(\\s+r2)?");
    private static final Pattern CLIENT = Pattern.compile("windows\\s+(vista|7|8\\.1|8|10|11)\\b");
    private static final String[] LINUX = {"linux", "ubuntu", "debian", "red hat", "rhel", "centos", "fedora", "suse",
        "sles", "rocky", "almalinux", "alpine", "photon", "mariner"};

    private HypervGuestOs() {
    }

    static GuestOs of(String osName) {
        if (osName == null || osName.isBlank()) {
            return GuestOs.UNKNOWN;
        }
        String text = osName.strip();
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("windows")) {
            boolean server = t.contains("server");
            return new GuestOs(text, GuestOs.Family.WINDOWS, server ? serverRelease(t) : clientRelease(t), server, text);
        }
        for (String distribution : LINUX) {
            if (t.contains(distribution)) {
                return new GuestOs(text, GuestOs.Family.LINUX, -1, false, text);
            }
        }
        return new GuestOs(text, GuestOs.Family.OTHER, -1, false, text);
    }

    private static int serverRelease(String t) {
        Matcher m = SERVER_YEAR.matcher(t);
        if (!m.find()) {
            return -1;
        }
        boolean r2 = m.group(2) != null;
        return switch (Integer.parseInt(m.group(1))) {
            case 2008 -> r2 ? 61 : 60;
            case 2012 -> r2 ? 63 : 62;
            default -> Integer.parseInt(m.group(1)) >= 2016 ? 100 : -1;
        };
    }

    private static int clientRelease(String t) {
        Matcher m = CLIENT.matcher(t);
        if (!m.find()) {
            return -1;
        }
        return switch (m.group(1)) {
            case "vista" -> 60;
            case "7" -> 61;
            case "8" -> 62;
            case "8.1" -> 63;
            default -> 100;
        };
    }
}
