package org.hvdiag.winrm;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What evidence.ps1 prints on this host: the fleet file's events of the asked VMs, filtered as
 * Get-WinEvent -FilterHashtable filters (LogName, StartTime and EndTime both inclusive, Id), read
 * newest first as Get-WinEvent reads, at most MaxEvents per VM and log, then per VM newest first
 * within MaxEvents and MaxBytesPerVm (the bytes of each event's ConvertTo-Json -Compress), as the
 * script's own loop bounds them. A log that is not one of the two this host has answers Get-WinEvent's
 * "There is not an event log ..." in Logs[].Error.
 */
final class EvidenceScript {
    /** DateTimeOffset.ToString("o"): always seven fractional digits and the offset. */
    private static final DateTimeFormatter ROUND_TRIP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx", Locale.ROOT);

    private final Fleet fleet;

    EvidenceScript(Fleet fleet) {
        this.fleet = fleet;
    }

    CommandOutput run(String base64) {
        Map<String, Object> q;
        try {
            Object doc = Json.parse(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
            if (!(doc instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("not an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) doc;
            q = m;
        } catch (IllegalArgumentException e) {
            return CommandOutput.of("", PsError.thrown("the evidence query is not base64 of a JSON object: " + e.getMessage()).text(), 1);
        }
        try {
            return CommandOutput.of(answer(q) + "\n", "", 0);
        } catch (IllegalArgumentException e) {
            // What ConvertFrom-Json's fields cast by the script would fail on ([guid], [DateTimeOffset]::Parse, [int]).
            return CommandOutput.of("", PsError.thrown(e.getMessage()).text(), 1);
        }
    }

    private String answer(Map<String, Object> q) {
        OffsetDateTime start = OffsetDateTime.parse(Fields.string(q, "StartTime", "the query"));
        OffsetDateTime end = OffsetDateTime.parse(Fields.string(q, "EndTime", "the query"));
        long max = Fields.number(q, "MaxEvents", "the query");
        long maxBytes = Fields.number(q, "MaxBytesPerVm", "the query");
        Set<Long> ids = new LinkedHashSet<>();
        for (Object o : Fields.list(q, "Ids", "the query")) {
            if (!(o instanceof Long l)) {
                throw new IllegalArgumentException("Ids must be whole numbers");
            }
            ids.add(l);
        }
        Map<String, List<HostEvent>> found = new LinkedHashMap<>();
        for (String id : Fields.strings(q, "VmIds", "the query")) {
            found.put(UUID.fromString(id).toString(), new ArrayList<>());
        }
        Set<String> full = new LinkedHashSet<>();
        List<Object> logs = new ArrayList<>();
        for (String log : Fields.strings(q, "LogNames", "the query")) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("LogName", log);
            if (!HostEvent.LOGS.contains(log)) {
                l.put("Error", "There is not an event log on the localhost computer that matches \"" + log + "\".");
                logs.add(l);
                continue;
            }
            List<HostEvent> all = new ArrayList<>();
            for (HostEvent e : fleet.events()) {
                if (e.logName().equals(log) && ids.contains((long) e.id()) && !e.time().isBefore(start) && !e.time().isAfter(end)
                        && found.containsKey(e.vmId())) {
                    all.add(e);
                }
            }
            all.sort(newestFirst());
            Map<String, Integer> taken = new HashMap<>();
            for (HostEvent e : all) {
                int n = taken.getOrDefault(e.vmId(), 0);
                if (n >= max) {
                    full.add(e.vmId());
                    continue;
                }
                taken.put(e.vmId(), n + 1);
                found.get(e.vmId()).add(e);
            }
            l.put("Error", null);
            logs.add(l);
        }
        List<Object> events = new ArrayList<>();
        List<Object> vms = new ArrayList<>();
        for (Map.Entry<String, List<HostEvent>> vm : found.entrySet()) {
            List<HostEvent> list = vm.getValue();
            list.sort(newestFirst());
            long n = 0;
            long bytes = 0;
            String cut = full.contains(vm.getKey()) ? "MaxEvents" : null;
            for (HostEvent e : list) {
                if (n >= max) {
                    cut = "MaxEvents";
                    break;
                }
                Map<String, Object> json = json(e);
                StringBuilder b = new StringBuilder();
                Json.write(b, json, true);
                long size = b.toString().getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > maxBytes) {
                    cut = "MaxBytesPerVm";
                    break;
                }
                bytes += size;
                n++;
                events.add(json);
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("VmId", vm.getKey());
            v.put("Events", n);
            v.put("Bytes", bytes);
            v.put("Cut", cut);
            vms.add(v);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Events", events);
        doc.put("Vms", vms);
        doc.put("Logs", logs);
        StringBuilder b = new StringBuilder();
        Json.write(b, doc, true);
        return b.toString();
    }

    private static Comparator<HostEvent> newestFirst() {
        return Comparator.comparing((HostEvent e) -> e.time().toInstant()).thenComparingLong(HostEvent::recordId).reversed();
    }

    /** One event as the script's [ordered] @{...} prints it. */
    private Map<String, Object> json(HostEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("VmId", e.vmId());
        m.put("TimeCreated", ROUND_TRIP.format(e.time()));
        m.put("Id", (long) e.id());
        m.put("Level", (long) e.level());
        m.put("ProviderName", e.providerName());
        m.put("LogName", e.logName());
        m.put("RecordId", e.recordId());
        m.put("Message", e.message());
        Map<String, Object> data = new LinkedHashMap<>();
        Vm vm = fleet.find(e.vmId());
        if (e.logName().equals(HostEvent.WORKER_ADMIN)) {
            // The worker's events carry the VM's name and id (upper-case, as Windows prints GUIDs in them).
            data.put("VmName", vm == null ? "" : vm.name());
            data.put("VmId", e.vmId().toUpperCase(Locale.ROOT));
        }
        data.putAll(e.data());
        m.put("Data", data);
        return m;
    }
}
