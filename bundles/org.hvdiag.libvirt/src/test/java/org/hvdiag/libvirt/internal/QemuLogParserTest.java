package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.PathLogFile;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.UsbSpeed;

/**
 * libvirt per-domain QEMU logs as libvirt 9.0 and QEMU 7.2 write them. The start, destroy, kill -9
 * and kill -15 forms below are those a real session libvirtd wrote on this machine (see
 * LiveEvidenceTest, which reads a log the daemon writes); the libusb, speed-mismatch and panic
 * lines follow QEMU's hw/usb/host-libusb.c and hw/usb/bus.c and libvirt's
 * qemuMonitorGuestPanicEventInfoFormatMsg (quoted as logged in KubeVirt's tests and on qemu-devel).
 */
class QemuLogParserTest {
    static final String START = "starting up libvirt version: 9.0.0, package: 9.0.0-4+deb12u2 (Debian), "
            + "qemu version: 7.2.22Debian 1:7.2+dfsg-7+deb12u18+b3, kernel: 6.1.0-27-amd64, hostname: kvm1";
    static final EvidenceWindow ALL = new EvidenceWindow(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2027-01-01T00:00:00Z"), EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);
    static final UsbDeviceSeen SCANNER = new UsbDeviceSeen("04a9", "1909", "host USB device 0x04a9:0x1909",
            UsbSpeed.UNKNOWN, null);

    @TempDir
    Path dir;

    VmEvidence read(String text, List<UsbDeviceSeen> passthrough) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8), passthrough, ALL);
    }

    VmEvidence read(byte[] bytes, List<UsbDeviceSeen> passthrough, EvidenceWindow window) throws Exception {
        Path log = Files.write(dir.resolve("web1.log"), bytes);
        return new LogTail("uuid-1", "web1", window).read(List.of(new PathLogFile(log)), () -> new QemuLogParser(passthrough));
    }

    static String commandLine() {
        return "LC_ALL=C \\\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin \\\nHOME=/var/lib/libvirt/qemu/domain-3-web1 \\\n"
                + "/usr/bin/qemu-system-x86_64 \\\n-name guest=web1,debug-threads=on \\\n-S \\\n"
                + "-device '{\"driver\":\"qemu-xhci\",\"id\":\"usb\",\"bus\":\"pci.1\",\"addr\":\"0x0\"}' \\\n-msg timestamp=on\n";
    }

    @Test
    void aDestroyedDomainIsPoweredOnThenHardPoweredOffByLibvirtAtLibvirtsTimes() throws Exception {
        VmEvidence e = read("2026-11-27 08:02:11.412+0000: " + START + "\n" + commandLine()
                + "2026-11-27T10:12:34.809117Z qemu-system-x86_64: terminating on signal 15 from pid 1187 (/usr/sbin/virtqemud)\n"
                + "2026-11-27 10:12:36.209+0000: shutting down, reason=destroyed\n", List.of());
        assertEquals(2, e.events().size(), e.events().toString());
        assertInstanceOf(EventKind.PoweredOn.class, e.events().get(0).kind());
        assertEquals(OffsetDateTime.parse("2026-11-27T08:02:11.412Z").toInstant(), e.events().get(0).instant());
        EventKind.HardPowerOff off = assertInstanceOf(EventKind.HardPowerOff.class, e.events().get(1).kind());
        assertTrue(off.by().contains("libvirt"), off.by());
        assertEquals(OffsetDateTime.parse("2026-11-27T10:12:36.209Z").toInstant(), e.events().get(1).instant());
        assertEquals(11, e.events().get(1).source().line(), "the line an admin finds with an editor");
        assertEquals(List.of(), e.notes());
    }

    @Test
    void aSigtermFromAnotherProcessIsAHardPowerOffEvenThoughLibvirtCallsItAShutdown() throws Exception {
        VmEvidence e = read("2026-12-02 01:51:42.793+0000: " + START + "\n"
                + "2026-12-02T01:51:44.416381Z qemu-system-x86_64: terminating on signal 15 from pid 5531 (bash)\n"
                + "2026-12-02 01:51:45.626+0000: shutting down, reason=shutdown\n"
                + "2026-12-02 02:00:00.000+0000: " + START + "\n"
                + "2026-12-02 02:10:00.000+0000: shutting down, reason=shutdown\n", List.of());
        assertEquals(4, e.events().size());
        EventKind.HardPowerOff off = assertInstanceOf(EventKind.HardPowerOff.class, e.events().get(1).kind());
        assertEquals("signal 15 from pid 5531 (bash)", off.by());
        assertInstanceOf(EventKind.StoppedNormally.class, e.events().get(3).kind(),
                "the signal belongs to the run before: a later clean shutdown stays normal");
    }

    @Test
    void aPassedThroughScannerThatVanishesFromTheHostIsADisconnectThenQemuCrashes() throws Exception {
        VmEvidence e = read("2026-11-27 08:02:11.412+0000: " + START + "\n" + commandLine()
                + "2026-11-27T09:14:02.118302Z qemu-system-x86_64: libusb_release_interface: -4 [NO_DEVICE]\n"
                + "2026-11-27 09:14:03.902+0000: shutting down, reason=crashed\n", List.of(SCANNER));
        assertEquals(3, e.events().size());
        EventKind.UsbDisconnected gone = assertInstanceOf(EventKind.UsbDisconnected.class, e.events().get(1).kind());
        assertEquals("04a9:1909", gone.device().ids(), "the domain's one host device: QEMU's line names none");
        assertTrue(e.events().get(2).kind().isAbnormalStop());
        assertInstanceOf(EventKind.StoppedAbnormally.class, e.events().get(2).kind());
    }

    @Test
    void withSeveralHostDevicesTheLineIsNotPinnedOnOne() throws Exception {
        VmEvidence e = read("2026-11-27T09:14:02.118302Z qemu-system-x86_64: libusb_claim_interface: -6 [BUSY]\n",
                List.of(SCANNER, new UsbDeviceSeen("0529", "0620", "token", UsbSpeed.UNKNOWN, null)));
        EventKind.UsbConnectFailed f = assertInstanceOf(EventKind.UsbConnectFailed.class, e.events().get(0).kind());
        assertEquals("", f.device().ids());
        assertEquals("libusb_claim_interface: -6 [BUSY]", f.reason());
    }

    @Test
    void aUsb11DeviceOnAUsb2OnlyPortIsAFailedConnectWithItsNameAndSpeed() throws Exception {
        VmEvidence e = read("2026-11-27T08:02:11.703552Z qemu-system-x86_64: -device {\"driver\":\"usb-host\",\"id\":\"hostdev0\"}: "
                + "Warning: speed mismatch trying to attach usb device \"CanoScan\" (full speed) to bus \"usb.0\", port \"1\" (high speed)\n"
                + "2026-11-27 08:02:11.790+0000: shutting down, reason=failed\n", List.of());
        EventKind.UsbConnectFailed f = assertInstanceOf(EventKind.UsbConnectFailed.class, e.events().get(0).kind());
        assertEquals("CanoScan", f.device().name());
        assertEquals(UsbSpeed.USB_1_1, f.device().speed());
        assertTrue(f.reason().contains("high speed port 1 of bus usb.0"), f.reason());
        assertInstanceOf(EventKind.StoppedAbnormally.class, e.events().get(1).kind());
    }

    @Test
    void aWindowsGuestBugCheckReportedThroughHyperVCrashMsrsCarriesItsStopCode() throws Exception {
        VmEvidence e = read("2026-11-27 09:14:01.006+0000: panic hyper-v: arg1='0xfe', arg2='0x5', arg3='0xffffa48c1e2d0a20', "
                + "arg4='0xffffa48c1f0c4e60', arg5='0x0'\n"
                + "2026-11-27 09:14:01.511+0000: shutting down, reason=crashed\n", List.of());
        EventKind.GuestCrashed c = assertInstanceOf(EventKind.GuestCrashed.class, e.events().get(0).kind());
        assertEquals("0xFE BUGCODE_USB_DRIVER", c.stopCode().toString());
        assertTrue(c.detail().contains("0x5"), c.detail());
    }

    @Test
    void everyShutoffReasonOfLibvirtHasAMeaning() throws Exception {
        String[][] cases = {{"shutdown", "StoppedNormally"}, {"destroyed", "HardPowerOff"}, {"crashed", "StoppedAbnormally"},
            {"migrated", "StoppedNormally"}, {"saved", "StoppedNormally"}, {"failed", "StoppedAbnormally"},
            {"from snapshot", "StoppedNormally"}, {"daemon", "StoppedAbnormally"}, {"unknown", "StoppedNormally"}};
        for (String[] c : cases) {
            QemuLogParser p = new QemuLogParser(List.of());
            EventKind k = p.parse("2026-11-27 09:14:01.511+0000: shutting down, reason=" + c[0]).kind();
            assertEquals(c[1], k.getClass().getSimpleName(), c[0]);
        }
    }

    @Test
    void qemuLinesWithoutATimeTakeTheTimeOfTheLineBefore() {
        QemuLogParser p = new QemuLogParser(List.of(SCANNER));
        assertEquals(null, p.parse("qemu-system-x86_64: libusb_release_interface: -4 [NO_DEVICE]"),
                "no time seen yet in this read: nothing to place the event at");
        p.parse("2026-11-27 08:02:11.412+0000: " + START);
        var parsed = p.parse("qemu-system-x86_64: libusb_release_interface: -4 [NO_DEVICE]");
        assertEquals(OffsetDateTime.parse("2026-11-27T08:02:11.412Z"), parsed.time());
        assertInstanceOf(EventKind.UsbDisconnected.class, parsed.kind());
    }

    @Test
    void brokenLogsGiveNotesNotFailures() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("2026-11-27 08:02:11.412+0000: " + START + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes("2026-11-27 08:02:11.500+0000: Domain id=3 is tainted: custom-argv (-set \u00e9t\u00e9)\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(("x".repeat(200_000) + "\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("\u0000\u0000garbage ]]] 2026-13-45 99:99:99.999+0000: shutting down, reason=\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("2026-13-45 99:99:99.999+0000: shutting down, reason=crashed\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("2026-11-27 10:12:36.209+0000: shutting down, reason=destroyed\n".getBytes(StandardCharsets.UTF_8));
        // the host clock set back a day (a dead CMOS battery and no NTP at boot)
        b.writeBytes(("2026-11-26 10:20:00.001+0000: " + START + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes("2026-11-26 10:30:00.001+0000: shutting down, rea".getBytes(StandardCharsets.UTF_8));
        VmEvidence e = read(b.toByteArray(), List.of(), ALL);
        assertEquals(List.of("PoweredOn", "HardPowerOff", "PoweredOn"),
                e.events().stream().map(v -> v.kind().getClass().getSimpleName()).toList(),
                "garbage and an impossible date carry no event; the torn last line is left out");
        String notes = String.join("\n", e.notes());
        assertTrue(notes.contains("incomplete"), notes);
        assertTrue(notes.contains("not UTF-8"), notes);
        assertTrue(notes.contains("longer than"), notes);
        assertTrue(notes.contains("clock went back"), notes);
    }

    @Test
    void onlyTheWindowAndTheByteBoundAreRead() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int day = 1; day <= 28; day++) {
            s.append(String.format("2026-11-%02d 08:00:00.000+0000: %s%n", day, START));
            s.append(commandLine());
            s.append(String.format("2026-11-%02d 18:00:00.000+0000: shutting down, reason=shutdown%n", day));
        }
        EvidenceWindow lastWeek = new EvidenceWindow(Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-29T00:00:00Z"), 1 << 20);
        VmEvidence e = read(s.toString().getBytes(StandardCharsets.UTF_8), List.of(), lastWeek);
        assertEquals(14, e.events().size(), "7 days of a start and a stop");
        VmEvidence small = read(s.toString().getBytes(StandardCharsets.UTF_8), List.of(), ALL.withMaxBytesPerVm(2000));
        // LogTail reads one byte before where it starts, to know whether a whole line starts there
        assertTrue(small.bytesRead() <= 2001, "bytes read: " + small.bytesRead());
        assertTrue(small.events().size() >= 2 && small.events().size() < 56, small.events().size() + " events");
        assertTrue(small.notes().stream().anyMatch(n -> n.contains("read the last")), small.notes().toString());
    }
}
