package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.Severity;

class SarifReportTest {
    private static final String SCHEMA = "sarif-schema-2.1.0.json";

    private final Written written = Written.by(new SarifReport(), SampleReport.sample());

    @Test
    void validatesAgainstTheOfficialSarifSchema() throws Exception {
        Set<ValidationMessage> errors = RepoSchemas.validate(SCHEMA, written.json());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void emptyAndLargeReportsValidateToo() throws Exception {
        Set<ValidationMessage> empty = RepoSchemas.validate(SCHEMA, Written.by(new SarifReport(), SampleReport.empty()).json());
        assertTrue(empty.isEmpty(), empty.toString());
        Set<ValidationMessage> large = RepoSchemas.validate(SCHEMA, Written.by(new SarifReport(), SampleReport.large(300)).json());
        assertTrue(large.isEmpty(), large.toString());
    }

    @Test
    void theSchemaIsTheOasisOneAndRejectsAnInvalidLevel() throws Exception {
        JsonNode schema = RepoSchemas.MAPPER.readTree(RepoSchemas.file(SCHEMA).toFile());
        assertTrue(schema.get("title").asText().startsWith("Static Analysis Results Format (SARIF) Version 2.1.0"));
        JsonNode json = written.json();
        ((ObjectNode) json.get("runs").get(0).get("results").get(2)).put("level", "info");
        assertFalse(RepoSchemas.validate(SCHEMA, json).isEmpty(), "validator accepted level 'info'");
    }

    @Test
    void oneRunNamedHvdiagWithTheRuleCatalog() {
        JsonNode json = written.json();
        assertEquals("https://json.schemastore.org/sarif-2.1.0.json", json.get("$schema").asText());
        assertEquals("2.1.0", json.get("version").asText());
        assertEquals(1, json.get("runs").size());
        JsonNode driver = json.get("runs").get(0).get("tool").get("driver");
        assertEquals("hvdiag", driver.get("name").asText());
        assertEquals(SarifReport.INFORMATION_URI, driver.get("informationUri").asText());
        JsonNode xhci = driver.get("rules").get(3);
        assertEquals("usb-xhci-hardware-too-old", xhci.get("id").asText());
        assertEquals("UsbXhciHardwareTooOld", xhci.get("name").asText());
        assertEquals(SampleReport.XHCI.title(), xhci.get("shortDescription").get("text").asText());
        assertEquals(SampleReport.XHCI.rationale(), xhci.get("fullDescription").get("text").asText());
        assertEquals(SampleReport.XHCI.reference(), xhci.get("help").get("text").asText());
        assertEquals("error", xhci.get("defaultConfiguration").get("level").asText());
        assertEquals("note", driver.get("rules").get(1).get("defaultConfiguration").get("level").asText());
    }

    @Test
    void levelsMapErrorWarningAndInfoToNote() {
        assertEquals("error", SarifReport.level(Severity.ERROR));
        assertEquals("warning", SarifReport.level(Severity.WARNING));
        assertEquals("note", SarifReport.level(Severity.INFO));
        JsonNode results = written.json().get("runs").get(0).get("results");
        assertEquals("error", results.get(0).get("level").asText());
        assertEquals("warning", results.get(1).get("level").asText());
        assertEquals("note", results.get(2).get("level").asText());
        assertEquals("warning", results.get(3).get("level").asText());
    }

    @Test
    void ruleIndexPointsAtTheResultsRule() {
        JsonNode run = written.json().get("runs").get(0);
        for (JsonNode r : run.get("results")) {
            JsonNode rule = run.get("tool").get("driver").get("rules").get(r.get("ruleIndex").asInt());
            assertEquals(r.get("ruleId").asText(), rule.get("id").asText());
        }
    }

    @Test
    void aVmxFindingIsLocatedAtItsFileAndNamedByTheVm() {
        JsonNode r = written.json().get("runs").get(0).get("results").get(0);
        assertEquals(SampleReport.findings().get(0).message(), r.get("message").get("text").asText());
        JsonNode location = r.get("locations").get(0);
        assertEquals("file:///vms/web%20prod/web.vmx", location.get("physicalLocation").get("artifactLocation").get("uri").asText());
        JsonNode logical = location.get("logicalLocations").get(0);
        assertEquals(SampleReport.NASTY_NAME, logical.get("name").asText());
        assertEquals("/vms/web prod/web.vmx", logical.get("fullyQualifiedName").asText());
        assertEquals("resource", logical.get("kind").asText());
        JsonNode properties = r.get("properties");
        assertEquals("{\"virtualHW.version\":\"7\",\"controller\":\"USB 3.x (xHCI)\"}", properties.get("evidence").toString());
        assertTrue(properties.get("fixable").asBoolean());
        assertEquals("localhost", properties.get("hostId").asText());
        assertEquals("/vms", properties.get("target").asText());
    }

    @Test
    void otherIdsBecomeUriReferences() {
        JsonNode results = written.json().get("runs").get(0).get("results");
        assertEquals("vm-42", uri(results.get(1)));
        assertEquals("vbox-host", uri(results.get(2)), "a host finding is located at its target");
        assertEquals("file:///C:/VMs/%C3%9Cn%C3%AFcode%20VM/x.vmx", uri(results.get(3)));
        JsonNode hostLogical = results.get(2).get("locations").get(0).get("logicalLocations").get(0);
        assertEquals("vbox-host", hostLogical.get("name").asText());
    }

    @Test
    void unreadableObjectsAreNotificationsOfASuccessfulRun() {
        JsonNode invocation = written.json().get("runs").get(0).get("invocations").get(0);
        assertTrue(invocation.get("executionSuccessful").asBoolean());
        JsonNode n = invocation.get("toolExecutionNotifications").get(0);
        assertEquals("error", n.get("level").asText());
        assertEquals(SampleReport.BROKEN.toString(), n.get("message").get("text").asText());
        JsonNode physical = n.get("locations").get(0).get("physicalLocation");
        assertEquals("file:///vms/broken/broken.vmx", physical.get("artifactLocation").get("uri").asText());
        assertEquals(12, physical.get("region").get("startLine").asInt());
    }

    private static String uri(JsonNode result) {
        return result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText();
    }
}
