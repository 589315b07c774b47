package org.hvdiag.core.vmware;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.VmEvidence;

/**
 * One VM's vmware.log files, wherever they live (beside a .vmx, on a datastore over HTTPS), read
 * into events within a window: the byte-bounded tail read with a fresh parser per file, and a note
 * for lines in the old layout whose dates cannot be known.
 */
public final class VmwareLogEvidence {
    private VmwareLogEvidence() {
    }

    /** @param newestFirst the VM's logs as {@link VmwareLogRotation#newestFirst} orders them; not empty */
    public static VmEvidence read(String vmId, String vmName, List<LogFile> newestFirst, EvidenceWindow window) {
        List<VmwareLogParser> parsers = new ArrayList<>();
        VmEvidence read = new LogTail(vmId, vmName, window).read(newestFirst, () -> {
            VmwareLogParser p = new VmwareLogParser();
            parsers.add(p);
            return p;
        });
        long undated = 0;
        for (VmwareLogParser p : parsers) {
            undated += p.undatedLines();
        }
        if (undated == 0) {
            return read;
        }
        List<String> notes = new ArrayList<>(read.notes());
        notes.add(undated + " line(s) in the old layout without a year (Workstation 7 / ESX 4 and older): left out, "
                + "their dates cannot be known");
        return new VmEvidence(read.vmId(), read.vmName(), read.events(), notes, read.bytesRead());
    }
}
