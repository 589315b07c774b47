package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/** The lab's domain XML with their QEMU logs in log/ beside them (examples/libvirt-lab/log/README.md). */
class DomainFileEvidenceTest {
    static final EvidenceWindow NOVEMBER = new EvidenceWindow(Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);

    @TempDir
    Path dir;

    static Path lab() {
        return Path.of(System.getProperty("hvdiag.repo", "../..")).resolve("examples/libvirt-lab");
    }

    static List<String> kinds(VmEvidence e) {
        return e.events().stream().map(v -> v.kind().getClass().getSimpleName()).toList();
    }

    @Test
    void theLabTellsOfAScannerThatVanishedTwiceAndADesktopForcedOffThreeTimes() throws Exception {
        try (Session s = DomainFileSession.open(lab(), Endpoint.of(lab().toString()))) {
            List<Vm> vms = s.inventory(Progress.NONE).vms();
            List<VmEvidence> all = s.evidence(vms, NOVEMBER, Progress.NONE);
            assertEquals(vms.size(), all.size());
            for (int i = 0; i < vms.size(); i++) {
                assertEquals(vms.get(i).id(), all.get(i).vmId(), "in the order of the VMs asked for");
            }
            Map<String, VmEvidence> byName = new java.util.HashMap<>();
            all.forEach(e -> byName.put(e.vmName(), e));

            VmEvidence scanner = byName.get("ubuntu22-scanner-hostdev");
            assertEquals(List.of("PoweredOn", "UsbDisconnected", "UsbDisconnected", "StoppedAbnormally",
                    "PoweredOn", "UsbDisconnected", "StoppedAbnormally"), kinds(scanner));
            EventKind.UsbDisconnected gone = (EventKind.UsbDisconnected) scanner.events().get(1).kind();
            assertEquals("04a9:1909", gone.device().ids(), "the domain's passed-through scanner");
            assertEquals(Instant.parse("2026-11-27T09:14:03.902Z"), scanner.events().get(3).instant());
            assertTrue(scanner.events().get(3).source().location().endsWith("log/ubuntu22-scanner-hostdev.log"));

            VmEvidence desk = byName.get("win10-desk-ehci-xhci");
            assertEquals(3, desk.events().stream().filter(e -> e.kind() instanceof EventKind.HardPowerOff).count());
            assertEquals(1, desk.events().stream().filter(e -> e.kind() instanceof EventKind.StoppedNormally).count());

            VmEvidence quiet = byName.get("debian12-ci-clean");
            assertEquals(List.of(), quiet.events());
            assertTrue(quiet.notes().get(0).contains("no QEMU log"), quiet.notes().toString());
        }
    }

    @Test
    void aLogBesideTheXmlAndItsRotatedCopiesAreReadNewestLast() throws Exception {
        Files.copy(lab().resolve("win10-desk-ehci-xhci.xml"), dir.resolve("win10-desk-ehci-xhci.xml"));
        Files.writeString(dir.resolve("win10-desk-ehci-xhci.log.1"), "2026-11-20 08:00:00.000+0000: starting up libvirt version: 9.0.0\n");
        Files.writeString(dir.resolve("win10-desk-ehci-xhci.log.2.gz"), "not read");
        Files.writeString(dir.resolve("win10-desk-ehci-xhci.log"), "2026-11-21 08:00:00.000+0000: shutting down, reason=crashed\n");
        try (Session s = DomainFileSession.open(dir, Endpoint.of(dir.toString()))) {
            VmEvidence e = s.evidence(s.inventory(Progress.NONE).vms(), NOVEMBER, Progress.NONE).get(0);
            assertEquals(List.of("PoweredOn", "StoppedAbnormally"), kinds(e));
            assertTrue(e.notes().stream().anyMatch(n -> n.contains("1 compressed")), e.notes().toString());
        }
    }
}
