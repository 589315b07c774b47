package org.hvdiag.hyperv.internal;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hvdiag.core.evidence.EvidenceWindow;

/**
 * What evidence.ps1 is asked for: the VMs (by id), the window in UTC, the logs and ids from
 * {@link WorkerEventTable}, and the per-VM bounds. Travels as base64 of this JSON.
 */
record EvidenceQuery(List<String> vmIds, EvidenceWindow window, int maxEvents) {
    private static final ObjectMapper JSON = new ObjectMapper();

    EvidenceQuery {
        vmIds = vmIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
    }

    String json() {
        ObjectNode q = JSON.createObjectNode();
        ArrayNode ids = q.putArray("VmIds");
        vmIds.forEach(ids::add);
        q.put("StartTime", window.from().toString());
        q.put("EndTime", window.to().toString());
        ArrayNode logs = q.putArray("LogNames");
        WorkerEventTable.LOGS.forEach(logs::add);
        ArrayNode eventIds = q.putArray("Ids");
        WorkerEventTable.ids().forEach(eventIds::add);
        q.put("MaxEvents", maxEvents);
        q.put("MaxBytesPerVm", window.maxBytesPerVm());
        try {
            return JSON.writeValueAsString(q);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
