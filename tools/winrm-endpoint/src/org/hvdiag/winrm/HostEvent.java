package org.hvdiag.winrm;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of a VM in the fleet file's optional "Events" array, as Windows writes it: TimeCreated
 * (ISO 8601 with the host's offset, e.g. 2026-11-26T14:03:07.5213370+01:00), Id, Level (1 Critical,
 * 2 Error, 3 Warning, 4 Information) and Message; optional LogName (default the worker's admin log),
 * ProviderName and Data (named EventData values beside the VmName and VmId every worker event carries).
 * {@code recordId} is given at load: per log, in time order, as the log would have numbered them.
 */
record HostEvent(String vmId, String timeCreated, OffsetDateTime time, int id, int level, String logName, String providerName, String message,
        Map<String, String> data, long recordId) {

    static final String WORKER_ADMIN = "Microsoft-Windows-Hyper-V-Worker-Admin";
    static final String VMMS_ADMIN = "Microsoft-Windows-Hyper-V-VMMS-Admin";
    static final List<String> LOGS = List.of(WORKER_ADMIN, VMMS_ADMIN);

    static HostEvent from(Map<String, Object> m, String vmId, String where) {
        OffsetDateTime time;
        String text = Fields.string(m, "TimeCreated", where);
        try {
            time = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": TimeCreated must be ISO 8601 with an offset, not " + text);
        }
        String log = m.containsKey("LogName") ? Fields.string(m, "LogName", where) : WORKER_ADMIN;
        if (!LOGS.contains(log)) {
            throw new IllegalArgumentException(where + ": LogName must be one of " + LOGS);
        }
        String provider = m.containsKey("ProviderName") ? Fields.string(m, "ProviderName", where)
                : log.equals(WORKER_ADMIN) ? "Microsoft-Windows-Hyper-V-Worker" : "Microsoft-Windows-Hyper-V-VMMS";
        Map<String, String> data = new LinkedHashMap<>();
        if (m.containsKey("Data")) {
            for (Map.Entry<String, Object> e : Fields.object(m, "Data", where).entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    throw new IllegalArgumentException(where + ": Data." + e.getKey() + " must be a string (EventData values are text)");
                }
                data.put(e.getKey(), s);
            }
        }
        return new HostEvent(vmId, text, time, Fields.integer(m, "Id", where, 0, 65535), Fields.integer(m, "Level", where, 0, 5), log,
                provider, Fields.string(m, "Message", where), data, 0);
    }

    HostEvent withRecordId(long id) {
        return new HostEvent(vmId, timeCreated, time, this.id, level, logName, providerName, message, data, id);
    }

    /** As the fleet file holds it (without the record id, which is given at load). */
    Map<String, Object> fleetJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        // The text as the file had it: a save after a change must not rewrite the events.
        m.put("TimeCreated", timeCreated);
        m.put("Id", (long) id);
        m.put("Level", (long) level);
        if (!logName.equals(WORKER_ADMIN)) {
            m.put("LogName", logName);
        }
        m.put("Message", message);
        if (!data.isEmpty()) {
            m.put("Data", new LinkedHashMap<>(data));
        }
        return m;
    }
}
