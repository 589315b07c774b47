package org.hvdiag.hyperv.internal;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One event record as evidence.ps1 prints it: Get-WinEvent's fields, the named EventData values
 * ({@code Data}, empty when the event has none) and the VM the script matched it to.
 */
record WinEvent(String vmId, OffsetDateTime time, int id, int level, String providerName, String logName, long recordId,
        String message, Map<String, String> data) {
    WinEvent {
        message = message == null ? "" : message;
        data = Map.copyOf(data);
    }

    /** A named EventData value, "" when the event has none of that name. */
    String data(String name) {
        String v = data.get(name);
        return v == null ? "" : v.strip();
    }

    /** "Microsoft-Windows-Hyper-V-Worker-Admin 18590: 'web01' has encountered..." as the admin would grep for it. */
    String rawLine() {
        return logName + " " + id + ": " + message.replace("\r\n", " ").replace('\n', ' ').strip();
    }
}
