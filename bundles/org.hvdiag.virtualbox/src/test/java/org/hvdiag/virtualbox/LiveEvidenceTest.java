package org.hvdiag.virtualbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * VBox.log over real SOAP: IMachine queryLogFilename and readLog against the loopback vboxwebsrv,
 * which reads Logs/VBox.log[.N] beside each machine as VirtualBox does. What the web service hands
 * out must read as the same events as the files read offline, also when the byte bound makes the
 * reader take only the tail (and so find the log's size with readLog probes).
 */
class LiveEvidenceTest {
    @TempDir
    Path temp;

    static final EvidenceWindow NOVEMBER_2026 = new EvidenceWindow(Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), 8 << 20);

    private static Map<String, VmEvidence> byName(List<VmEvidence> all) {
        Map<String, VmEvidence> m = new TreeMap<>();
        all.forEach(e -> m.put(e.vmName(), e));
        return m;
    }

    private static List<String> lines(VmEvidence e) {
        return e.events().stream().map(v -> v.time() + " " + v.kind().describe()).toList();
    }

    @Test
    void theLabsScannerStoryReadsTheSameOverTheWebServiceAsFromTheFolder() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        // A log bigger than one readLog chunk (512 KiB): chatter between the header and the story.
        Path log = fleet.resolve("win10-scanner/Logs/VBox.log");
        String text = Files.readString(log);
        int cut = text.indexOf("01:12:05.441802");
        StringBuilder chatter = new StringBuilder();
        for (int i = 0; chatter.length() < 1_300_000; i++) {
            chatter.append(String.format("00:%02d:%02d.%06d VMMDev: Guest Log: heartbeat %d%n", 10 + i / 60000 % 50,
                    i / 1000 % 60, i % 1000 * 1000, i));
        }
        Files.writeString(log, text.substring(0, cut) + chatter + text.substring(cut));

        VirtualBoxConnector connector = new VirtualBoxConnector();
        List<Vm> vms;
        Map<String, VmEvidence> offline;
        try (Session files = connector.connect(Endpoint.of(fleet.toString()), Credentials.none())) {
            vms = files.inventory(Progress.NONE).vms();
            offline = byName(files.evidence(vms, NOVEMBER_2026, Progress.NONE));
        }
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "evidence").start();
                Session live = connector.connect(Endpoint.of(server.target()), new Credentials(VboxwebEndpoint.USER, "x".toCharArray()))) {
            List<Vm> liveVms = live.inventory(Progress.NONE).vms();
            Map<String, VmEvidence> online = byName(live.evidence(liveVms, NOVEMBER_2026, Progress.NONE));
            VmEvidence scanner = online.get("win10-scanner");
            assertEquals(List.of(
                    "2026-11-27T07:58:12.783911Z VM powered on",
                    "2026-11-27T17:00:56.244101Z VM stopped normally: the guest powered off (ACPI shutdown)",
                    "2026-11-28T08:01:47.518004Z VM powered on",
                    "2026-11-28T09:13:51.657686Z USB device 04a9:1909 connected",
                    "2026-11-28T09:13:56.086401Z VM stopped abnormally: Guru Meditation -2701 (VERR_VMX_INVALID_GUEST_STATE) on VCPU1"),
                    lines(scanner));
            assertEquals(lines(offline.get("win10-scanner")), lines(scanner));
            VmEvent guru = scanner.events().get(4);
            assertTrue(guru.source().location().endsWith("win10-scanner/Logs/VBox.log"), guru.source().toString());
            assertTrue(guru.rawLine().contains("VCPU1: Guru Meditation -2701"), guru.rawLine());
            assertEquals(List.of(), scanner.notes());
            // A VM that never ran here: the web service says it has no log, and the note says so.
            assertTrue(online.get("winxp-cnc").notes().get(0).contains("has no VBox.log"), online.get("winxp-cnc").notes().toString());

            // The tail only: 64 KiB of the 1.3 MB log, through readLog at the size the probes found.
            VmEvidence tail = byName(live.evidence(liveVms, NOVEMBER_2026.withMaxBytesPerVm(64 * 1024), Progress.NONE))
                    .get("win10-scanner");
            assertEquals(lines(scanner).subList(3, 5), lines(tail));
            assertTrue(tail.bytesRead() <= 64 * 1024 + 1, "read " + tail.bytesRead());
            assertTrue(tail.notes().stream().anyMatch(n -> n.startsWith("read the last")), tail.notes().toString());
        }
    }
}
