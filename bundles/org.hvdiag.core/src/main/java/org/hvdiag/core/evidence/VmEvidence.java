package org.hvdiag.core.evidence;

import java.util.List;
import java.util.Objects;

/**
 * The events read for one VM, oldest first, with notes on what could not be read (a log that is
 * missing or unreadable, the byte bound reached before the window's start, a clock that went back).
 */
public record VmEvidence(String vmId, String vmName, List<VmEvent> events, List<String> notes, long bytesRead) {
    public VmEvidence {
        Objects.requireNonNull(vmId, "vmId");
        vmName = vmName == null ? vmId : vmName;
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    public static VmEvidence unreadable(String vmId, String vmName, String note) {
        return new VmEvidence(vmId, vmName, List.of(), List.of(note), 0);
    }

    public boolean hasAbnormalStop() {
        for (VmEvent e : events) {
            if (e.kind().isAbnormalStop()) {
                return true;
            }
        }
        return false;
    }
}
