package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * `hvdiag audit --evidence` and `hvdiag events` on the lab's vmware.log files (examples/lab/LOGS.md
 * tells their stories), checked as an admin would read them.
 */
class EvidenceCommandsTest {
    static JsonNode audit;

    @BeforeAll
    static void auditTheLabWithEvidence() throws IOException {
        Lab.Run run = Lab.hvdiag("audit", "--evidence", "--since", "2026-11-01", "--until", "2026-12-01",
                Lab.folder().toString(), "--format", "json");
        audit = new ObjectMapper().readTree(run.out());
    }

    static List<JsonNode> findings(String ruleId, String vmName) {
        List<JsonNode> out = new ArrayList<>();
        audit.path("findings").forEach(f -> {
            if (f.path("ruleId").asText().equals(ruleId) && f.path("vmName").asText().equals(vmName)) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    void theDongleThatCrashesWin7IsNamedWithItsControllerAndTheFindingThatDoubtsIt() {
        List<JsonNode> crashes = findings("evidence-crash-after-usb-connect", "Win7 CAD");
        assertEquals(2, crashes.size(), "26 Nov: guest stop code; 27 Nov: VMX died");
        JsonNode first = crashes.get(0);
        assertEquals("error", first.path("severity").asText());
        assertEquals("'Aladdin HASP HL 3.25' (0529:0001)", first.path("evidence").path("USB device").asText());
        assertTrue(first.path("evidence").path("controller").asText().startsWith("xHCI"), first.toString());
        assertEquals("usb-xhci-guest-unsupported (warning)", first.path("evidence").path("findings on that controller").asText());
        assertEquals("guest stop code 0xFE BUGCODE_USB_DRIVER", first.path("evidence").path("stop").asText());
        JsonNode connect = first.path("events").get(0);
        assertEquals("usb-connected", connect.path("kind").asText());
        assertEquals("0529", connect.path("usbDevice").path("vendorId").asText());
        assertTrue(connect.path("source").path("location").asText().endsWith("vmware-0.log"));
        assertTrue(connect.path("rawLine").asText().contains("USB: Connecting device"), connect.toString());
        JsonNode crash = first.path("events").get(1);
        assertEquals("0xFE BUGCODE_USB_DRIVER", crash.path("stopCode").asText());
    }

    @Test
    void theKioskPoweredOffHardFourTimesAndTheSerialAdapterFlaps() {
        JsonNode stops = findings("evidence-abnormal-stops", "Kiosk 01").get(0);
        assertEquals("4", stops.path("evidence").path("abnormal stops").asText());
        assertTrue(stops.path("evidence").path("configuration findings on this VM").asText().contains("power-hard-poweroff"));
        JsonNode flaps = findings("evidence-usb-flapping", "Win10 Dev").get(0);
        assertEquals("4", flaps.path("evidence").path("connects").asText());
        assertEquals(8, flaps.path("events").size());
    }

    @Test
    void everyVmHasAnEntryAndThoseWithoutLogsSaySo() {
        JsonNode evidence = audit.path("evidence");
        assertEquals("2026-11-01T00:00:00Z", evidence.path("window").path("from").asText());
        assertEquals(audit.path("summary").path("vms").asInt(), evidence.path("vms").size());
        int withNotes = 0;
        for (JsonNode vm : evidence.path("vms")) {
            if (vm.path("events").isEmpty()) {
                assertTrue(vm.path("notes").get(0).asText().startsWith("no vmware.log"), vm.toString());
                withNotes++;
            }
        }
        assertEquals(18, withNotes, "the lab has logs for 6 of its 24 VMs (examples/lab/LOGS.md)");
    }

    @Test
    void eventsPrintsTheTimelineInEachFormat() throws IOException {
        Lab.Run text = Lab.hvdiag("events", Lab.folder().toString(), "--vm", "Win7*", "--since", "2026-11-01");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("VM Win7 CAD"), text.out());
        assertTrue(text.out().contains("guest crashed      guest OS crashed with stop code 0xFE BUGCODE_USB_DRIVER"),
                text.out());
        assertTrue(text.out().contains("vmware-0.log:33)"), text.out());
        assertTrue(!text.out().contains("Kiosk"), "--vm chose one VM");

        Lab.Run json = Lab.hvdiag("events", Lab.folder().toString(), "--since", "2026-11-01", "--format", "json");
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(Set.of(), Lab.schemaProblems("hvdiag-events.schema.json", doc));
        int events = 0;
        for (JsonNode vm : doc.path("vms")) {
            events += vm.path("events").size();
        }
        Lab.Run csv = Lab.hvdiag("events", Lab.folder().toString(), "--since", "2026-11-01", "--format", "csv");
        String[] rows = csv.out().split("\r\n");
        assertTrue(rows[0].startsWith("target,vmId,vmName,time,kind,description,vendorId,productId"), rows[0]);
        assertEquals(events + 1, rows.length, "one row per event");
    }

    @Test
    void theWindowAndTheByteBoundChooseWhatIsRead() throws IOException {
        Lab.Run one = Lab.hvdiag("events", Lab.folder().toString(), "--vm", "Kiosk*", "--since", "2026-11-28",
                "--until", "2026-11-29T00:00:00Z", "--format", "json");
        JsonNode vm = new ObjectMapper().readTree(one.out()).path("vms").get(0);
        List<String> kinds = new ArrayList<>();
        vm.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
        assertEquals(List.of("powered-on", "hard-power-off"), kinds, vm.toString());

        Lab.Run tail = Lab.hvdiag("events", Lab.folder().toString(), "--vm", "Kiosk*", "--since", "2026-11-01",
                "--log-bytes", "1KiB", "--format", "json");
        JsonNode bounded = new ObjectMapper().readTree(tail.out()).path("vms").get(0);
        assertTrue(bounded.path("bytesRead").asLong() <= 1024, bounded.toString());
        assertTrue(bounded.path("notes").toString().contains("read the last"), bounded.toString());
    }

    @Test
    void badWindowsAreRefusedWithTheReason() {
        Lab.Run words = Lab.hvdiag("events", Lab.folder().toString(), "--since", "last tuesday");
        assertEquals(2, words.exitCode());
        assertTrue(words.err().contains("--since last tuesday: expected a duration (7d), a date (2026-11-20)"), words.err());
        Lab.Run noEvidence = Lab.hvdiag("audit", Lab.folder().toString(), "--since", "7d");
        assertEquals(2, noEvidence.exitCode());
        assertTrue(noEvidence.err().contains("add --evidence"), noEvidence.err());
        Lab.Run backwards = Lab.hvdiag("events", Lab.folder().toString(), "--since", "2026-11-30", "--until", "2026-11-01");
        assertEquals(2, backwards.exitCode());
        assertTrue(backwards.err().contains("is after --until"), backwards.err());
        Lab.Run zero = Lab.hvdiag("events", Lab.folder().toString(), "--log-bytes", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--log-bytes 0: must be more than 0"), zero.err());
    }
}
