package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.Test;

class JsonReportTest {
    private static final String SCHEMA = "hvdiag-audit.schema.json";

    private final Written written = Written.by(new JsonReport(SampleReport.clock()), SampleReport.sample());

    @Test
    void validatesAgainstTheSchemaInTheRepository() throws Exception {
        Set<ValidationMessage> errors = RepoSchemas.validate(SCHEMA, written.json());
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(JsonReport.SCHEMA_ID, RepoSchemas.MAPPER.readTree(RepoSchemas.file(SCHEMA).toFile()).get("$id").asText());
    }

    @Test
    void emptyReportValidatesToo() throws Exception {
        JsonNode json = Written.by(new JsonReport(SampleReport.clock()), SampleReport.empty()).json();
        Set<ValidationMessage> errors = RepoSchemas.validate(SCHEMA, json);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(0, json.get("findings").size());
    }

    @Test
    void theSchemaRejectsBrokenFindings() throws Exception {
        JsonNode json = written.json();
        ((ObjectNode) json.get("findings").get(0)).remove("vmId");
        assertFalse(RepoSchemas.validate(SCHEMA, json).isEmpty());

        JsonNode other = written.json();
        ((ObjectNode) other.get("findings").get(1)).put("severity", "fatal");
        assertFalse(RepoSchemas.validate(SCHEMA, other).isEmpty());

        JsonNode unfixable = written.json();
        ((ObjectNode) unfixable.get("findings").get(0)).putNull("fix");
        assertFalse(RepoSchemas.validate(SCHEMA, unfixable).isEmpty(), "fixable true needs a fix");
    }

    @Test
    void headerAndSummaryHoldTheAuditsNumbers() {
        JsonNode json = written.json();
        assertEquals(List.of("schema", "generatedAt", "targets", "summary", "rules", "findings", "errors", "evidence"),
                names(json.fieldNames()));
        assertEquals("2025-03-01T09:30:00Z", json.get("generatedAt").asText());
        assertEquals("[\"/vms\",\"vcenter.lab\",\"vbox-host\",\"C:\\\\VMs\"]", json.get("targets").toString());
        JsonNode summary = json.get("summary");
        assertEquals(5, summary.get("vms").asInt());
        assertEquals(3, summary.get("hosts").asInt());
        assertEquals(4, summary.get("findings").asInt());
        assertEquals(1, summary.get("bySeverity").get("error").asInt());
        assertEquals(2, summary.get("bySeverity").get("warning").asInt());
        assertEquals(1, summary.get("bySeverity").get("info").asInt());
        assertEquals(1, summary.get("fixable").asInt());
    }

    @Test
    void rulesCarryTheCatalog() {
        JsonNode rules = written.json().get("rules");
        assertEquals(4, rules.size());
        JsonNode xhci = rules.get(3);
        assertEquals("usb-xhci-hardware-too-old", xhci.get("id").asText());
        assertEquals("xHCI controller on hardware older than vmx-08", xhci.get("title").asText());
        assertEquals("error", xhci.get("severity").asText());
        assertEquals("[\"vmware-workstation\",\"vsphere\"]", xhci.get("appliesTo").toString());
        assertEquals(SampleReport.XHCI.rationale(), xhci.get("rationale").asText());
        assertEquals(SampleReport.XHCI.reference(), xhci.get("reference").asText());
        assertTrue(xhci.get("fixable").asBoolean());
    }

    @Test
    void aVmFindingKeepsEveryValueAndItsFixPlan() {
        JsonNode f = written.json().get("findings").get(0);
        assertEquals("usb-xhci-hardware-too-old", f.get("ruleId").asText());
        assertEquals("error", f.get("severity").asText());
        assertEquals("/vms", f.get("target").asText());
        assertEquals("localhost", f.get("hostId").asText());
        assertEquals("/vms/web prod/web.vmx", f.get("vmId").asText());
        assertEquals(SampleReport.NASTY_NAME, f.get("vmName").asText());
        assertEquals("{\"virtualHW.version\":\"7\",\"controller\":\"USB 3.x (xHCI)\"}", f.get("evidence").toString());
        assertTrue(f.get("fixable").asBoolean());
        assertEquals("[\"remove USB 3.x (xHCI) controller usb_xhci\",\"add USB 2.0 (EHCI) controller\"]",
                f.get("fix").get("changes").toString());
        assertEquals("[\"hardware version is 'vmx-07'\"]", f.get("fix").get("preconditions").toString());
    }

    @Test
    void aHostFindingHasNullVmFieldsAndNoFix() {
        JsonNode f = written.json().get("findings").get(2);
        assertTrue(f.has("vmId") && f.get("vmId").isNull());
        assertTrue(f.has("vmName") && f.get("vmName").isNull());
        assertTrue(f.get("fix").isNull());
        assertFalse(f.get("fixable").asBoolean());
        assertEquals("info", f.get("severity").asText());
        assertEquals(SampleReport.UNICODE_MESSAGE, f.get("message").asText());
    }

    @Test
    void everyFindingHasTheRequiredFields() {
        for (JsonNode f : written.json().get("findings")) {
            for (String field : List.of("ruleId", "severity", "target", "vmId", "vmName", "message", "evidence", "fixable")) {
                assertTrue(f.has(field), field + " missing in " + f);
            }
        }
    }

    @Test
    void nonAsciiAndMarkupAreWrittenAsPlainUtf8() {
        String text = written.text();
        assertTrue(text.contains("日本語 ✓"), "non-ASCII escaped or lost");
        assertTrue(text.contains(SampleReport.SCRIPT_NAME), "JSON needs no HTML escaping");
        assertEquals(SampleReport.SCRIPT_NAME, written.json().get("findings").get(1).get("vmName").asText());
    }

    @Test
    void unreadableObjectsAreListed() {
        JsonNode e = written.json().get("errors").get(0);
        assertEquals("/vms/broken/broken.vmx", e.get("object").asText());
        assertEquals("line 12", e.get("location").asText());
        assertEquals(SampleReport.BROKEN.message(), e.get("message").asText());
    }

    private static List<String> names(Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
