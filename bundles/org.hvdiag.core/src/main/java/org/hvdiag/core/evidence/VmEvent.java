package org.hvdiag.core.evidence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One thing a hypervisor's log says happened to one VM, at a time with its zone offset as the log
 * gave it (or UTC when the log's own zone was known). {@code rawLine} is the line as read, so an
 * admin can find it with grep.
 */
public record VmEvent(OffsetDateTime time, String vmId, String vmName, EventKind kind, EventSource source,
        String rawLine) {
    public VmEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(vmId, "vmId");
        vmName = vmName == null ? vmId : vmName;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        rawLine = rawLine == null ? "" : rawLine;
    }

    public Instant instant() {
        return time.toInstant();
    }
}
