package org.hvdiag.audit.report;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;

/** Events, VMs' evidence and the window as the audit report and the events command write them. */
final class EventJson {
    private EventJson() {
    }

    static void window(JsonGenerator g, EvidenceWindow w) throws IOException {
        g.writeObjectFieldStart("window");
        g.writeStringField("from", w.from().toString());
        g.writeStringField("to", w.to().toString());
        g.writeNumberField("maxBytesPerVm", w.maxBytesPerVm());
        g.writeEndObject();
    }

    static void vm(JsonGenerator g, FleetEvidence.Entry entry) throws IOException {
        VmEvidence e = entry.evidence();
        g.writeStartObject();
        g.writeStringField("target", entry.target());
        g.writeStringField("vmId", e.vmId());
        g.writeStringField("vmName", e.vmName());
        g.writeNumberField("bytesRead", e.bytesRead());
        JsonOutput.stringArray(g, "notes", e.notes());
        g.writeArrayFieldStart("events");
        for (VmEvent ev : e.events()) {
            event(g, ev);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void event(JsonGenerator g, VmEvent e) throws IOException {
        EventFields f = EventFields.of(e.kind());
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("kind", f.kind());
        g.writeStringField("description", e.kind().describe());
        if (e.kind().isUsb()) {
            g.writeObjectFieldStart("usbDevice");
            g.writeStringField("vendorId", f.device().vendorId());
            g.writeStringField("productId", f.device().productId());
            g.writeStringField("name", f.device().name());
            g.writeStringField("speed", f.device().speed().label());
            g.writeStringField("controller", f.controller());
            g.writeEndObject();
        }
        if (!f.stopCode().isEmpty()) {
            g.writeStringField("stopCode", f.stopCode());
        }
        if (!f.reason().isEmpty()) {
            g.writeStringField("reason", f.reason());
        }
        g.writeObjectFieldStart("source");
        g.writeStringField("location", e.source().location());
        g.writeNumberField("line", e.source().line());
        g.writeNumberField("byteOffset", e.source().byteOffset());
        g.writeEndObject();
        g.writeStringField("rawLine", e.rawLine());
        g.writeEndObject();
    }
}
