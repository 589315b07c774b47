package org.hvdiag.core.vmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hvdiag.core.evidence.LogFile;

/**
 * Puts a VM's vmware.log files in the order the evidence reader needs: vmware.log (the run being
 * written, or the last one) first, then the rotated vmware-N.log newest first. The numbers do not
 * say which is newest across products: Workstation renames vmware-0.log to vmware-1.log at each
 * power-on (0 is the newest), while ESXi numbers its rotations upwards. Modification times do not
 * survive a copy or a checkout. What every rotated log does say is the time of its first line
 * ("Log for VMware ... pid="), so the order comes from that: a few KB read per file.
 */
public final class VmwareLogRotation {
    /** Enough for the first line, however long the host name or the build string. */
    static final int HEAD_BYTES = 4096;

    private VmwareLogRotation() {
    }

    /**
     * @param current vmware.log, or null when it is missing
     * @param rotated the vmware-N.log files found, in any order
     */
    public static List<LogFile> newestFirst(LogFile current, List<LogFile> rotated) {
        record Dated(LogFile file, OffsetDateTime first, int index) { }
        List<Dated> dated = new ArrayList<>();
        for (int i = 0; i < rotated.size(); i++) {
            dated.add(new Dated(rotated.get(i), firstTime(rotated.get(i)), i));
        }
        // Newest first; files whose first line has no time go last, in the order given.
        dated.sort(Comparator.comparing(Dated::first, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparingInt(Dated::index));
        List<LogFile> out = new ArrayList<>(rotated.size() + 1);
        if (current != null) {
            out.add(current);
        }
        for (Dated d : dated) {
            out.add(d.file());
        }
        return out;
    }

    /** The time of the first dated line in the file's first few KB, or null. */
    static OffsetDateTime firstTime(LogFile file) {
        byte[] head = new byte[HEAD_BYTES];
        int n = 0;
        try (InputStream in = file.open(0)) {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        VmwareLogLine line = new VmwareLogLine();
        for (String text : new String(head, 0, n, StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.parse(text.strip()) && line.time != null) {
                return line.time;
            }
        }
        return null;
    }
}
