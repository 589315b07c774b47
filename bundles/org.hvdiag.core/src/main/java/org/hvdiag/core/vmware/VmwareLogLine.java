package org.hvdiag.core.vmware;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.hvdiag.core.evidence.LogParser;

/**
 * One vmware.log line split into its time, its thread and its message. VMware has written three
 * line layouts over the years, and a reader meets all of them on one fleet:
 * <ul>
 * <li>{@code 2019-02-27T23:26:40.824Z| vmx| I125: USB: Connecting device ...} (Workstation 10 to
 * 17.0, ESXi 5.5 to 7.0: ISO time with zone, a '|' after the time and after the thread, then a
 * level tag such as I125/W115/E105 that ends in '+' on continuation lines. Workstation 8 and ESXi
 * 5.0 wrote the same without the tag);</li>
 * <li>{@code 2025-07-30T17:06:28.627Z In(05) vmx USB: Connecting device ...} and
 * {@code 2023-10-23T03:54:27.731Z In(05) vmx - AIOGNRC: ...} (Workstation 17.5 and later, ESXi 8:
 * a level In(05)/Wa(03)/Er(02)/No(00), the thread, on ESXi an operation id or "-", the message);</li>
 * <li>{@code Mar 15 20:25:12.405: vmx| USB: Found device ...} (Workstation 7 and older, ESX 4 and
 * older: no year and no zone).</li>
 * </ul>
 * Examples of each are quoted in forum threads and vendor KB articles (Broadcom KB 311905 for the
 * ESXi 8 layout; KB 427504 for WinBSOD lines); the test resources name them.
 * <p>
 * The year-less layout cannot be placed in time without guessing the year and the host's zone, so
 * {@link #parse} leaves it unplaced ({@link #undated}) and the reader reports how many such lines it
 * met instead of inventing dates.
 */
final class VmwareLogLine {
    /** The line's time, or null when it has none this reader trusts. */
    OffsetDateTime time;
    /** The thread that wrote the line (vmx, vcpu-0, mks, a Worker...), "" when unknown. */
    String thread = "";
    /** The message text after the thread, the level tag and ESXi's "-"; "" when none. */
    String message = "";
    /** True for a line in the old layout without a year. */
    boolean undated;

    private String lastStamp;
    private OffsetDateTime lastTime;

    /** {@link #scan}: the line has no layout this reader knows ({@link #parse} returns false). */
    static final int NO_LAYOUT = -2;
    /** {@link #scan}: only {@link #parse} can tell. */
    static final int ASK = -1;
    private static final int SECOND = 19;
    /** {@link #scan}'s time of the last second seen: "2026-11-27T10:02:54" and the zone ("Z", "+01:00"). */
    private final byte[] cachedSecond = new byte[SECOND];
    private final byte[] cachedZone = new byte[6];
    private int cachedZoneLength = -1;
    private long cachedEpochSecond;
    private int cachedOffsetSeconds;

    /** Splits {@code line} into the fields; returns false for a line of no known layout. */
    boolean parse(String line) {
        time = null;
        thread = "";
        message = "";
        undated = false;
        int n = line.length();
        if (n < 20) {
            return false;
        }
        char c0 = line.charAt(0);
        if (c0 >= '0' && c0 <= '9') {
            return parseIso(line);
        }
        if (c0 >= 'A' && c0 <= 'Z' && line.charAt(3) == ' ' && isDigit(line.charAt(4)) && line.charAt(6) == ' ') {
            int bar = line.indexOf("| ");
            int colon = line.indexOf(": ", 7);
            if (colon > 0 && bar > colon && bar - colon < 40) {
                undated = true;
                thread = line.substring(colon + 2, bar);
                message = stripTag(line, bar + 2);
                return true;
            }
        }
        return false;
    }

    private boolean parseIso(String line) {
        int end = stampEnd(line);
        if (end < 0) {
            return false;
        }
        OffsetDateTime t;
        if (lastStamp != null && lastStamp.length() == end && line.startsWith(lastStamp)) {
            t = lastTime;
        } else {
            t = isoTime(line, end);
            if (t == null) {
                return false;
            }
            lastStamp = line.substring(0, end);
            lastTime = t;
        }
        time = t;
        int n = line.length();
        if (end < n && line.charAt(end) == '|') {
            // TIME| THREAD| TAG: message
            int bar = line.indexOf('|', end + 1);
            if (bar < 0) {
                message = line.substring(Math.min(n, end + 1)).strip();
                return true;
            }
            thread = line.substring(end + 1, bar).strip();
            message = stripTag(line, bar + 1);
            return true;
        }
        if (end < n && line.charAt(end) == ' ') {
            // TIME Lv(NN) THREAD [OPID|-] message
            int p = end + 1;
            int levelEnd = line.indexOf(' ', p);
            if (levelEnd < 0) {
                return true;
            }
            if (levelEnd - p < 6 || line.charAt(p + 2) != '(') {
                message = line.substring(p);
                return true;
            }
            int threadEnd = line.indexOf(' ', levelEnd + 1);
            if (threadEnd < 0) {
                thread = line.substring(levelEnd + 1);
                return true;
            }
            thread = line.substring(levelEnd + 1, threadEnd);
            int m = threadEnd + 1;
            if (m + 1 < n && line.charAt(m) == '-' && line.charAt(m + 1) == ' ') {
                m += 2;
            }
            message = line.substring(m);
            return true;
        }
        return true;
    }

    /**
     * The byte-level twin of {@link #parse} for the common lines, those in the two ISO layouts: where
     * the message starts in {@code line[from, to)} (ASCII), with the line's time in {@code time};
     * {@link #NO_LAYOUT} when parse would return false; {@link #ASK} for anything else (the year-less
     * layout, a garbled stamp, a line without a message), which {@link #parse} then reads. Sets no
     * field parse sets. The time of a second is worked out once and kept: lines of the same second
     * differ only in their fraction.
     */
    int scan(byte[] b, int from, int to, LogParser.LineTime time) {
        if (to - from < 20) {
            return NO_LAYOUT;
        }
        byte c0 = b[from];
        if (c0 < '0' || c0 > '9' || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
                || b[from + 13] != ':' || b[from + 16] != ':') {
            return ASK;
        }
        int p = from + SECOND;
        int nano = 0;
        if (b[p] == '.') {
            int scale = 100_000_000;
            p++;
            while (p < to && isDigit(b[p])) {
                nano += (b[p] - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        if (p >= to) {
            return ASK;
        }
        int zoneLength;
        if (b[p] == 'Z') {
            zoneLength = 1;
        } else if ((b[p] == '+' || b[p] == '-') && p + 6 <= to && b[p + 3] == ':') {
            zoneLength = 6;
        } else {
            return ASK;
        }
        if (!cachedSecond(b, from, p, zoneLength) && !cacheSecond(b, from, p, zoneLength)) {
            return ASK;
        }
        time.set(cachedEpochSecond, nano, cachedOffsetSeconds);
        int end = p + zoneLength;
        if (end < to && b[end] == '|') {
            // TIME| THREAD| TAG: message
            int bar = indexOf(b, '|', end + 1, to);
            return bar < 0 ? ASK : tagEnd(b, bar + 1, to);
        }
        if (end < to && b[end] == ' ') {
            // TIME Lv(NN) THREAD [OPID|-] message
            int q = end + 1;
            int levelEnd = indexOf(b, ' ', q, to);
            if (levelEnd < 0) {
                return ASK;
            }
            if (levelEnd - q < 6 || b[q + 2] != '(') {
                return q;
            }
            int threadEnd = indexOf(b, ' ', levelEnd + 1, to);
            if (threadEnd < 0) {
                return ASK;
            }
            int m = threadEnd + 1;
            if (m + 1 < to && b[m] == '-' && b[m + 1] == ' ') {
                m += 2;
            }
            return m;
        }
        return ASK;
    }

    private boolean cachedSecond(byte[] b, int from, int zone, int zoneLength) {
        if (zoneLength != cachedZoneLength) {
            return false;
        }
        for (int i = 0; i < SECOND; i++) {
            if (b[from + i] != cachedSecond[i]) {
                return false;
            }
        }
        for (int i = 0; i < zoneLength; i++) {
            if (b[zone + i] != cachedZone[i]) {
                return false;
            }
        }
        return true;
    }

    /** Works out the second {@code b[from, from + 19)} in the zone at {@code zone}; false when it is none. */
    private boolean cacheSecond(byte[] b, int from, int zone, int zoneLength) {
        try {
            int year = digits(b, from, 4);
            int month = digits(b, from + 5, 2);
            int day = digits(b, from + 8, 2);
            int hour = digits(b, from + 11, 2);
            int minute = digits(b, from + 14, 2);
            int second = digits(b, from + 17, 2);
            ZoneOffset offset = ZoneOffset.UTC;
            if (zoneLength == 6) {
                int h = digits(b, zone + 1, 2);
                int m = digits(b, zone + 4, 2);
                int sign = b[zone] == '-' ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(sign * h, sign * m);
            }
            OffsetDateTime t = OffsetDateTime.of(year, month, day, hour, minute, second, 0, offset);
            cachedEpochSecond = t.toEpochSecond();
            cachedOffsetSeconds = offset.getTotalSeconds();
        } catch (RuntimeException e) {
            cachedZoneLength = -1;
            return false;
        }
        System.arraycopy(b, from, cachedSecond, 0, SECOND);
        System.arraycopy(b, zone, cachedZone, 0, zoneLength);
        cachedZoneLength = zoneLength;
        return true;
    }

    /** Where {@link #stripTag} would start the message. */
    private static int tagEnd(byte[] b, int from, int to) {
        int p = from;
        while (p < to && b[p] == ' ') {
            p++;
        }
        if (p + 5 <= to && b[p] >= 'A' && b[p] <= 'Z' && isDigit(b[p + 1]) && isDigit(b[p + 2]) && isDigit(b[p + 3])
                && (b[p + 4] == ':' || b[p + 4] == '+')) {
            p += 5;
            while (p < to && b[p] == ' ') {
                p++;
            }
        }
        return p;
    }

    static int indexOf(byte[] b, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            if (!isDigit(b[i])) {
                throw new NumberFormatException();
            }
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Skips "I125: ", "E105+ " and the like, and leading blanks. */
    private static String stripTag(String line, int from) {
        int n = line.length();
        int p = from;
        while (p < n && line.charAt(p) == ' ') {
            p++;
        }
        if (p + 5 <= n && line.charAt(p) >= 'A' && line.charAt(p) <= 'Z' && isDigit(line.charAt(p + 1))
                && isDigit(line.charAt(p + 2)) && isDigit(line.charAt(p + 3))
                && (line.charAt(p + 4) == ':' || line.charAt(p + 4) == '+')) {
            p += 5;
            while (p < n && line.charAt(p) == ' ') {
                p++;
            }
        }
        return line.substring(p);
    }

    /** Where "2024-03-05T10:21:33.512Z" or "...512+01:00" ends; -1 when the line does not start so. */
    private static int stampEnd(String line) {
        int n = line.length();
        if (n < 20 || line.charAt(4) != '-' || line.charAt(7) != '-' || line.charAt(10) != 'T'
                || line.charAt(13) != ':' || line.charAt(16) != ':') {
            return -1;
        }
        int p = 19;
        if (p < n && line.charAt(p) == '.') {
            p++;
            while (p < n && isDigit(line.charAt(p))) {
                p++;
            }
        }
        if (p >= n) {
            return -1;
        }
        char z = line.charAt(p);
        if (z == 'Z') {
            return p + 1;
        }
        if ((z == '+' || z == '-') && p + 6 <= n && line.charAt(p + 3) == ':') {
            return p + 6;
        }
        return -1;
    }

    private static OffsetDateTime isoTime(String s, int end) {
        try {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int nano = 0;
            int p = 19;
            if (s.charAt(p) == '.') {
                int scale = 100_000_000;
                p++;
                while (isDigit(s.charAt(p))) {
                    nano += (s.charAt(p) - '0') * scale;
                    scale /= 10;
                    p++;
                }
            }
            ZoneOffset zone = ZoneOffset.UTC;
            if (s.charAt(p) != 'Z') {
                int h = digits(s, p + 1, 2);
                int m = digits(s, p + 4, 2);
                int sign = s.charAt(p) == '-' ? -1 : 1;
                zone = ZoneOffset.ofHoursMinutes(sign * h, sign * m);
            }
            if (p + (s.charAt(p) == 'Z' ? 1 : 6) != end) {
                return null;
            }
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, zone);
        } catch (RuntimeException e) {
            // A digit that is not one, month 13, hour 25: a garbled stamp, not a time.
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw new NumberFormatException(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
