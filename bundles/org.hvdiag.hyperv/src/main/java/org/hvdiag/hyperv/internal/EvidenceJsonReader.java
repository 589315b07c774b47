package org.hvdiag.hyperv.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what evidence.ps1 prints. A malformed event is left out with a problem naming its record
 * (attributed to its VM when its VmId reads); only an answer that is not the document at all is an
 * exception. ConvertTo-Json's traps are met as in {@link HypervJsonReader}: a list of one may come
 * unwrapped.
 */
final class EvidenceJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How one VM's list ended on the host: its event count, the bytes of their JSON, and why it was cut (null: not cut). */
    record VmCut(int events, long bytes, String cut) {
    }

    /** The whole answer. {@code problems} maps a VM id ("" for none known) to what could not be read. */
    record EvidenceRead(List<WinEvent> events, Map<String, VmCut> vms, Map<String, String> logErrors,
            Map<String, List<String>> problems) {
    }

    private EvidenceJsonReader() {
    }

    static EvidenceRead read(String stdout, String where) throws HypervJsonException {
        String object = "the event logs of " + where;
        String text = stdout == null ? "" : stdout.strip();
        if (text.isEmpty()) {
            throw new HypervJsonException(object, "", "the host printed nothing; expected one line of JSON");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new HypervJsonException(object, "", "not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "), "
                    + text.length() + " characters: the answer may be cut short");
        }
        if (root == null || !root.isObject()) {
            throw new HypervJsonException(object, "", "expected one JSON object with Events, Vms and Logs, got "
                    + HypervJsonReader.kind(root));
        }
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Map<String, VmCut> vms = new LinkedHashMap<>();
        for (JsonNode v : listOf(root, "Vms", object)) {
            String id = text(v, "VmId").toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                problem(problems, "", "a Vms entry without VmId: " + abbreviate(v.toString()));
                continue;
            }
            JsonNode cut = v.get("Cut");
            vms.put(id, new VmCut(v.path("Events").asInt(0), v.path("Bytes").asLong(0),
                    cut == null || cut.isNull() ? null : cut.asText()));
        }
        Map<String, String> logErrors = new LinkedHashMap<>();
        for (JsonNode l : listOf(root, "Logs", object)) {
            JsonNode error = l.get("Error");
            if (error != null && !error.isNull() && !error.asText().isBlank()) {
                logErrors.put(text(l, "LogName"), error.asText().strip());
            }
        }
        List<WinEvent> events = new ArrayList<>();
        for (JsonNode e : listOf(root, "Events", object)) {
            String vmId = text(e, "VmId").toLowerCase(Locale.ROOT);
            try {
                events.add(event(e, vmId));
            } catch (IllegalArgumentException | DateTimeParseException ex) {
                problem(problems, vmId, "event record " + e.path("RecordId").asText("?") + " of "
                        + e.path("LogName").asText("?") + " left out: " + ex.getMessage());
            }
        }
        return new EvidenceRead(events, vms, logErrors, problems);
    }

    private static WinEvent event(JsonNode e, String vmId) {
        if (vmId.isEmpty()) {
            throw new IllegalArgumentException("no VmId");
        }
        String time = text(e, "TimeCreated");
        if (time.isEmpty()) {
            throw new IllegalArgumentException("no TimeCreated");
        }
        JsonNode id = e.get("Id");
        if (id == null || !id.canConvertToInt()) {
            throw new IllegalArgumentException("no Id");
        }
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode d = e.get("Data");
        if (d != null && d.isObject()) {
            d.fields().forEachRemaining(f -> data.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText()));
        }
        return new WinEvent(vmId, OffsetDateTime.parse(time), id.asInt(), e.path("Level").asInt(0), text(e, "ProviderName"),
                text(e, "LogName"), e.path("RecordId").asLong(-1), text(e, "Message"), data);
    }

    private static List<JsonNode> listOf(JsonNode root, String field, String object) throws HypervJsonException {
        JsonNode n = root.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (n == null || n.isNull()) {
            // ConvertTo-Json writes an empty @() as [] but an empty pipeline result as null.
            return items;
        }
        if (n.isArray()) {
            n.forEach(items::add);
        } else if (n.isObject()) {
            items.add(n);
        } else {
            throw new HypervJsonException(object, field, "expected a list, got " + HypervJsonReader.kind(n));
        }
        return items;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }

    private static void problem(Map<String, List<String>> problems, String vmId, String what) {
        problems.computeIfAbsent(vmId, k -> new ArrayList<>()).add(what);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
