package org.hvdiag.esxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.StopCode;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/**
 * Evidence from the vmware.log files the harness seeds on its datastore (tools/vcsim-harness/logs.go),
 * listed with the datastore browser and read over real HTTPS /folder/ with the session's cookie.
 */
class EvidenceTest {
    /** The seeded logs are dated 2026-11-26 to 2026-11-29 (UTC). */
    static final EvidenceWindow WEEK = new EvidenceWindow(Instant.parse("2026-11-25T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);

    static Harness harness;
    static Session session;
    static Inventory inventory;

    @BeforeAll
    static void start() throws Exception {
        harness = Harness.start(64, "-trace-files");
        session = harness.connect();
        inventory = session.inventory(Progress.NONE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    /** The listing's VM whose logs are exactly these names. */
    static JsonNode listed(Harness h, String... logNames) throws Exception {
        for (JsonNode v : h.listing().get("vms")) {
            List<String> names = new ArrayList<>();
            v.get("Logs").forEach(l -> names.add(l.get("name").asText()));
            if (names.equals(List.of(logNames))) {
                return v;
            }
        }
        throw new AssertionError("the harness lists no VM with logs " + List.of(logNames));
    }

    static long logSize(JsonNode listed, String name) {
        for (JsonNode l : listed.get("Logs")) {
            if (l.get("name").asText().equals(name)) {
                return l.get("size").asLong();
            }
        }
        throw new AssertionError(name);
    }

    static Vm vm(Inventory inv, String id) {
        return inv.vms().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    static List<String> labels(VmEvidence e) {
        return e.events().stream().map(v -> v.kind().label()).toList();
    }

    @Test
    void dongleThenVmxCrashArriveOverHttpsWithBothLogsWhole() throws Exception {
        JsonNode listed = listed(harness, "vmware-1.log", "vmware.log");
        String id = listed.get("ID").asText();
        VmEvidence e = session.evidence(List.of(vm(inventory, id)), WEEK, Progress.NONE).get(0);

        assertEquals(id, e.vmId());
        // 26 Nov: a clean run (vmware-1.log); 27 Nov: power-on, the dongle, the VMX's death (vmware.log).
        assertEquals(List.of("powered on", "stopped", "powered on", "USB connected", "crashed"), labels(e), e.toString());
        assertTrue(e.notes().isEmpty(), e.notes().toString());
        assertEquals(logSize(listed, "vmware-1.log") + logSize(listed, "vmware.log"), e.bytesRead());

        VmEvent dongle = e.events().get(3);
        assertEquals("'Aladdin HASP HL 3.25' (0529:0001)", ((EventKind.UsbConnected) dongle.kind()).device().describe());
        String folder = listed.get("LogDirectory").asText();
        assertEquals(folder + "/vmware.log", dongle.source().location());
        VmEvent crash = e.events().get(4);
        assertTrue(((EventKind.StoppedAbnormally) crash.kind()).reason().contains("signal 11"), crash.toString());
        assertEquals(Instant.parse("2026-11-27T10:02:56.893Z"), crash.instant());
        assertEquals(folder + "/vmware-1.log", e.events().get(1).source().location());

        // What travelled: the vmware.log request over /folder/ with dcPath and dsName, answered.
        String name = folder.substring(folder.indexOf(']') + 2);
        harness.awaitLine(l -> l.startsWith("folder GET /folder/" + name + "/vmware.log ") && l.contains("status=20"));
    }

    @Test
    void aSmallBoundReadsOnlyTheTailThroughARangeRequest() throws Exception {
        JsonNode listed = listed(harness, "vmware-1.log", "vmware.log");
        long size = logSize(listed, "vmware.log");
        long bound = 8192;
        assertTrue(size > 20 * bound, "the seeded vmware.log is large: " + size);
        VmEvidence e = session.evidence(List.of(vm(inventory, listed.get("ID").asText())), WEEK.withMaxBytesPerVm(bound),
                Progress.NONE).get(0);

        assertEquals(bound, e.bytesRead());
        // The tail holds the dongle and the crash; the power-on at the top of the file is not read.
        assertEquals(List.of("USB connected", "crashed"), labels(e), e.toString());
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("read the last " + bound + " bytes of ")), e.notes().toString());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("older log file(s) not read")), e.notes().toString());

        // The harness saw a Range request for the last `bound` bytes and sent no more.
        String folder = listed.get("LogDirectory").asText();
        String name = folder.substring(folder.indexOf(']') + 2);
        String line = harness.awaitLine(l -> l.startsWith("folder GET /folder/" + name + "/vmware.log range=\"bytes=")
                && l.contains("bytes=" + bound));
        Matcher m = Pattern.compile("range=\"bytes=(\\d+)-\" status=(\\d+) bytes=(\\d+)").matcher(line);
        assertTrue(m.find(), line);
        assertEquals(size - bound, Long.parseLong(m.group(1)), line);
        assertEquals("206", m.group(2), line);
        assertEquals(bound, Long.parseLong(m.group(3)), line);
    }

    @Test
    void aUsbStickThenBugCheck0xFeInTheEsxi8Layout() throws Exception {
        JsonNode bugcheck = null;
        for (JsonNode v : harness.listing().get("vms")) {
            if (v.get("Logs").size() == 1 && v.get("GuestID").asText().equals("windows9_64Guest")) {
                bugcheck = v;
            }
        }
        assertTrue(bugcheck != null, "the harness lists the Windows 10 VM with a log");
        VmEvidence e = session.evidence(List.of(vm(inventory, bugcheck.get("ID").asText())), WEEK, Progress.NONE).get(0);
        assertEquals(List.of("powered on", "USB connected", "guest crashed", "USB disconnected", "stopped"), labels(e), e.toString());
        EventKind.GuestCrashed crashed = assertInstanceOf(EventKind.GuestCrashed.class, e.events().get(2).kind());
        assertEquals(StopCode.parse("0x000000FE"), crashed.stopCode());
    }

    @Test
    void aVmWithoutALogGetsANoteNamingItsFolder() throws Exception {
        JsonNode none = listed(harness);
        VmEvidence e = session.evidence(List.of(vm(inventory, none.get("ID").asText())), WEEK, Progress.NONE).get(0);
        assertTrue(e.events().isEmpty());
        assertEquals(1, e.notes().size(), e.notes().toString());
        assertTrue(e.notes().get(0).startsWith("no vmware.log in " + none.get("LogDirectory").asText()), e.notes().get(0));
        assertEquals(0, e.bytesRead());
    }

    @Test
    void theWholeFleetComesBackInOrderWithEventsExactlyWhereTheHarnessPutLogs() throws Exception {
        List<Vm> vms = new ArrayList<>(inventory.vms());
        java.util.Collections.reverse(vms);
        List<VmEvidence> read = session.evidence(vms, WEEK, Progress.NONE);
        assertEquals(vms.size(), read.size());
        int withLogs = 0;
        for (int i = 0; i < vms.size(); i++) {
            assertEquals(vms.get(i).id(), read.get(i).vmId(), "order");
        }
        for (JsonNode v : harness.listing().get("vms")) {
            VmEvidence e = read.stream().filter(r -> r.vmId().equals(v.get("ID").asText())).findFirst().orElseThrow();
            if (v.get("Logs").size() > 0) {
                withLogs++;
                assertFalse(e.events().isEmpty(), e.toString());
                assertTrue(e.notes().isEmpty(), e.notes().toString());
            } else {
                assertTrue(e.events().isEmpty(), e.toString());
                assertTrue(e.notes().get(0).startsWith("no vmware.log in "), e.notes().toString());
            }
        }
        assertEquals(3, withLogs);
    }

    @Test
    void theAuditWithEvidenceFindsTheCrashAfterTheDongleOnVsphere() throws Exception {
        // What `hvdiag audit --evidence` does (cli Targets.read): evidence for every VM, keyed by the inventory's target.
        List<VmEvidence> read = session.evidence(inventory.vms(), WEEK, Progress.NONE);
        FleetEvidence evidence = new FleetEvidence.Builder(WEEK).add(inventory.target(), read).build();
        AuditReport report = new RuleEngine(BuiltInRules.all()).audit(List.of(inventory), AuditSettings.DEFAULTS, evidence);

        String dongleVm = listed(harness, "vmware-1.log", "vmware.log").get("ID").asText();
        List<Finding> crashes = report.findings().stream()
                .filter(f -> f.ruleId().equals("evidence-crash-after-usb-connect")).toList();
        assertTrue(crashes.stream().anyMatch(f -> f.vmId().equals(dongleVm)), crashes.toString());
        Finding f = crashes.stream().filter(c -> c.vmId().equals(dongleVm)).findFirst().orElseThrow();
        assertTrue(f.message().contains("0529:0001") || f.message().contains("HASP"), f.message());
        // Two seeded stories end in a crash right after a USB connect; the clean server run does not.
        assertEquals(2, crashes.size(), crashes.toString());
    }
}
