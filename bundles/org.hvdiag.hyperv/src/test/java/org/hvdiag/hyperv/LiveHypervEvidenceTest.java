package org.hvdiag.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/**
 * Evidence over real WS-Management/HTTPS from the loopback endpoint serving the lab, whose
 * app-server-02 blue-screened with 0xFE on 26 November 2026 and whose file-server-01 was turned off
 * that evening (examples/hyperv-lab/host.json, "Events").
 */
class LiveHypervEvidenceTest {
    static final EvidenceWindow NOV_26 = new EvidenceWindow(Instant.parse("2026-11-26T00:00:00Z"),
            Instant.parse("2026-11-27T00:00:00Z"), EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);
    final HypervConnector connector = new HypervConnector();
    @TempDir
    Path temp;

    static VmEvidence of(List<VmEvidence> all, String name) {
        return all.stream().filter(e -> e.vmName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void theLabsCrashAndTurnOffAreReadForTheWholeHostInOneCommand() throws Exception {
        try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(WinrmEndpointProcess.copyOfLab(temp), "evidence").start();
                Session s = LiveHypervTest.connect(connector, server)) {
            Inventory inv = s.inventory(Progress.NONE);
            List<Vm> vms = inv.vms();
            List<VmEvidence> ev = s.evidence(vms, NOV_26, Progress.NONE);
            assertEquals(vms.stream().map(Vm::id).toList(), ev.stream().map(VmEvidence::vmId).toList());

            VmEvidence app = of(ev, "app-server-02");
            assertEquals(3, app.events().size(), app.toString());
            assertInstanceOf(EventKind.PoweredOn.class, app.events().get(0).kind());
            EventKind.GuestCrashed crash = assertInstanceOf(EventKind.GuestCrashed.class, app.events().get(1).kind());
            assertEquals("0xFE BUGCODE_USB_DRIVER", crash.stopCode().toString());
            assertEquals("2026-11-26T14:37:52.631084600+01:00", app.events().get(1).time().toString());
            assertEquals("Microsoft-Windows-Hyper-V-Worker-Admin", app.events().get(1).source().location());
            assertInstanceOf(EventKind.StoppedNormally.class, app.events().get(2).kind());
            assertTrue(app.bytesRead() > 0);

            VmEvidence fs = of(ev, "file-server-01");
            assertEquals(2, fs.events().size(), "the shutdown of the 25th is outside the window: " + fs);
            assertInstanceOf(EventKind.PoweredOn.class, fs.events().get(0).kind());
            assertInstanceOf(EventKind.HardPowerOff.class, fs.events().get(1).kind());

            VmEvidence quiet = of(ev, "dc-01");
            assertTrue(quiet.events().isEmpty());
            assertEquals(1, quiet.notes().size(), "a VM without events has only the USB note: " + quiet.notes());
            assertTrue(quiet.notes().get(0).startsWith("Hyper-V has no USB passthrough to VMs"), quiet.notes().get(0));

            String recorded = Files.readString(server.recording());
            assertEquals(2, count(recorded, "\"action\":\"Command\""), "the inventory and one evidence command for 14 VMs");
        }
    }

    @Test
    void theByteBoundKeepsTheNewestEventsAndSaysSo() throws Exception {
        try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(WinrmEndpointProcess.copyOfLab(temp), "evidence-bound").start();
                Session s = LiveHypervTest.connect(connector, server)) {
            Vm app = LiveHypervTest.named(s.inventory(Progress.NONE), "app-server-02");
            // One event's JSON is 450 to 700 bytes: 1,200 bytes hold the newest two of the three.
            VmEvidence ev = s.evidence(List.of(app), NOV_26.withMaxBytesPerVm(1_200), Progress.NONE).get(0);
            assertEquals(2, ev.events().size(), ev.toString());
            assertInstanceOf(EventKind.GuestCrashed.class, ev.events().get(0).kind());
            assertTrue(ev.bytesRead() <= 1_200, ev.bytesRead() + " bytes");
            assertTrue(ev.notes().stream().anyMatch(n -> n.startsWith("read bound of 1200 bytes reached")), ev.notes().toString());
        }
    }

    @Test
    void anEarlierWindowShowsTheCleanShutdown() throws Exception {
        try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(WinrmEndpointProcess.copyOfLab(temp), "evidence-25th").start();
                Session s = LiveHypervTest.connect(connector, server)) {
            Vm fs = LiveHypervTest.named(s.inventory(Progress.NONE), "file-server-01");
            EvidenceWindow nov25 = new EvidenceWindow(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"),
                    EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);
            VmEvidence ev = s.evidence(List.of(fs), nov25, Progress.NONE).get(0);
            assertEquals(2, ev.events().size(), ev.toString());
            EventKind.StoppedNormally k = assertInstanceOf(EventKind.StoppedNormally.class, ev.events().get(1).kind());
            assertEquals("shut down through the Shutdown integration service", k.reason());
            assertTrue(!ev.hasAbnormalStop());
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
