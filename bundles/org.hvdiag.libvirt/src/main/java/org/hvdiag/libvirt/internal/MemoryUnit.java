package org.hvdiag.libvirt.internal;

import java.util.Locale;

/**
 * libvirt's memory units ("Domain XML format", memory): b/bytes; KB, MB, GB, TB are powers of
 * 1000; k/KiB, M/MiB, G/GiB, T/TiB (and P, E) powers of 1024. Without a unit the value is KiB.
 */
final class MemoryUnit {

    private MemoryUnit() {
    }

    /** Bytes per unit, or -1 for a unit libvirt does not know. */
    static long bytesPer(String unit) {
        String u = unit == null || unit.isEmpty() ? "KiB" : unit;
        return switch (u) {
            case "b", "bytes" -> 1L;
            case "KB" -> 1000L;
            case "k", "K", "KiB" -> 1L << 10;
            case "MB" -> 1000L * 1000;
            case "M", "MiB" -> 1L << 20;
            case "GB" -> 1000L * 1000 * 1000;
            case "G", "GiB" -> 1L << 30;
            case "TB" -> 1000L * 1000 * 1000 * 1000;
            case "T", "TiB" -> 1L << 40;
            case "P", "PiB" -> 1L << 50;
            default -> u.toLowerCase(Locale.ROOT).equals("kib") ? 1L << 10 : -1;
        };
    }
}
