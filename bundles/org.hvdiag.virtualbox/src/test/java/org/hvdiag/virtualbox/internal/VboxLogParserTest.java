package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.PathLogFile;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbSpeed;

/** VBox.log lines into events, over the logs in src/test/resources/vbox-logs (README there says where each line form comes from). */
class VboxLogParserTest {
    @TempDir
    Path dir;

    static final EvidenceWindow ALL = new EvidenceWindow(Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T00:00:00Z"), 8 << 20);

    static byte[] resource(String name) throws IOException {
        try (InputStream in = VboxLogParserTest.class.getResourceAsStream("/vbox-logs/" + name)) {
            if (in == null) {
                throw new IOException("test resource vbox-logs/" + name + " missing");
            }
            return in.readAllBytes();
        }
    }

    private VmEvidence read(EvidenceWindow window, byte[]... newestFirst) throws IOException {
        LogFile[] files = new LogFile[newestFirst.length];
        for (int i = 0; i < newestFirst.length; i++) {
            files[i] = new PathLogFile(Files.write(dir.resolve(i == 0 ? "VBox.log" : "VBox.log." + i), newestFirst[i]));
        }
        return new LogTail("vm-1", "w10", window).read(Arrays.asList(files), VboxLogParser::new);
    }

    private static List<String> kinds(VmEvidence e) {
        return e.events().stream().map(v -> v.kind().label()).toList();
    }

    @Test
    void aWindowsGuestBugchecksInTheUsbDriverAfterAUsb3StickArrives() throws IOException {
        VmEvidence e = read(ALL, resource("win-usb-bugcheck.log"));
        // HidMouse is VirtualBox's own emulated mouse: no event. One bug check, though two lines tell it.
        assertEquals(List.of("powered on", "USB connected", "guest crashed", "USB disconnected", "hard power-off"), kinds(e));
        // Times are "Log opened" plus the distance from that line (it was written at 00:00:01.126616).
        assertEquals(OffsetDateTime.parse("2024-03-05T10:21:33.786504Z"), e.events().get(0).time());
        VmEvent usb = e.events().get(1);
        assertEquals(OffsetDateTime.parse("2024-03-05T10:35:34.503694Z"), usb.time());
        EventKind.UsbConnected connected = (EventKind.UsbConnected) usb.kind();
        assertEquals("0781:5581", connected.device().ids());
        assertEquals(UsbSpeed.USB_3_X, connected.device().speed());
        // The CFGM dump names one controller, xHCI: RootHub#0 can only be its hub.
        assertEquals(UsbControllerType.XHCI, connected.device().controller());
        EventKind.GuestCrashed crash = (EventKind.GuestCrashed) e.events().get(2).kind();
        assertEquals(0xFEL, crash.stopCode().code());
        assertTrue(crash.stopCode().isUsbDriver());
        assertTrue(e.events().get(2).rawLine().contains("GIM: HyperV: Guest indicates a fatal condition! P0=0xfe"));
        assertEquals(List.of(), e.notes());
    }

    @Test
    void aGuruMeditationIsOneAbnormalStopAndThePowerOffOfTheStuckVmAddsNothing() throws IOException {
        VmEvidence e = read(ALL, resource("guru-after-usb.log"));
        assertEquals(List.of("powered on", "USB connected", "crashed"), kinds(e));
        EventKind.UsbConnected usb = (EventKind.UsbConnected) e.events().get(1).kind();
        assertEquals("046d:c52b", usb.device().ids());
        assertEquals(UsbSpeed.USB_1_1, usb.device().speed());
        // OHCI and EHCI both present: RootHub#0 does not say which, and the reader does not guess.
        assertNull(usb.device().controller());
        assertEquals("VM stopped abnormally: Guru Meditation -2701 (VERR_VMX_INVALID_GUEST_STATE) on VCPU0",
                e.events().get(2).kind().describe());
        assertEquals(OffsetDateTime.parse("2024-03-06T08:03:10.321890Z"), e.events().get(2).time());
    }

    @Test
    void aGuestShutdownIsANormalStopAndHoursRunPast24() throws IOException {
        VmEvidence e = read(ALL, resource("acpi-shutdown.log"));
        assertEquals(List.of("powered on", "stopped"), kinds(e));
        assertEquals("VM stopped normally: the guest powered off (ACPI shutdown)", e.events().get(1).kind().describe());
        // 27:14:07.973624 is 1 day 3 h after a start logged at 00:00:00.870003.
        assertEquals(OffsetDateTime.parse("2025-02-11T09:14:07.103621Z"), e.events().get(1).time());
    }

    @Test
    void virtualBox3LogsWithMillisecondsAndOldSpellingsStillRead() throws IOException {
        VmEvidence e = read(ALL, resource("old-3.0-triple-fault.log"));
        assertEquals(List.of("powered on", "USB connected", "crashed"), kinds(e));
        assertEquals("046d:0821", ((EventKind.UsbConnected) e.events().get(1).kind()).device().ids());
        assertEquals(UsbSpeed.UNKNOWN, ((EventKind.UsbConnected) e.events().get(1).kind()).device().speed());
        assertEquals(OffsetDateTime.parse("2009-11-02T14:05:13.114Z"), e.events().get(2).time());
        assertTrue(e.events().get(2).kind().describe().contains("VERR_REM_VIRTUAL_CPU_ERROR"));
    }

    @Test
    void aTailReadStillKnowsTheStartFromTheHeader() throws IOException {
        byte[] log = resource("win-usb-bugcheck.log");
        EvidenceWindow small = ALL.withMaxBytesPerVm(1200);
        VmEvidence e = read(small, log);
        // LogTail reads one byte before the bound's start to tell a whole first line from a cut one.
        assertTrue(e.bytesRead() <= 1201, "read " + e.bytesRead());
        assertEquals("hard power-off", kinds(e).get(kinds(e).size() - 1));
        assertEquals(OffsetDateTime.parse("2024-03-05T10:37:35.021396Z"), e.events().get(e.events().size() - 1).time());
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("read the last")), e.notes().toString());
    }

    @Test
    void garbageNonUtf8AndATornLastLineAreSurvived() throws IOException {
        String text = new String(resource("guru-after-usb.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
        String broken = text.replace("00:03:10.000100 VUSB",
                "\u0000\u0000garbage without a time\n00:02:59.100000 Guest Log: Gr\u00fc\u00dfe \u00e4\n00:03:10.000100 VUSB")
                .replace("00:05:58.790102 End of log file - Log started 2024-03-06T08:00:00.000000000Z\n",
                        "00:05:58.790102 End of log fi");
        VmEvidence e = read(ALL, broken.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(List.of("powered on", "USB connected", "crashed"), kinds(e));
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("incomplete")), e.notes().toString());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("not UTF-8")), e.notes().toString());
    }

    @Test
    void relativeTimesGoingBackAreToldAsAClockJump() throws IOException {
        String text = new String(resource("acpi-shutdown.log"), java.nio.charset.StandardCharsets.US_ASCII)
                .replace("27:14:05.123456", "02:00:00.000000 Changing the VM state from 'RUNNING' to 'SUSPENDED'\n27:14:05.123456")
                .replace("27:14:07.973624", "00:59:00.000000");
        VmEvidence e = read(ALL, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("clock went back")), e.notes().toString());
    }

    @Test
    void withoutLogOpenedNoLineHasATime() {
        VboxLogParser p = new VboxLogParser();
        assertNull(p.parse("00:03:11.302114 Changing the VM state from 'RUNNING' to 'GURU_MEDITATION'"));
        assertFalse(p.hasStart());
        assertTrue(p.hadLinesWithoutStart());
    }

    @Test
    void aProxyAttachFailureAndAHubRefusalAreFailedConnects() {
        VboxLogParser p = new VboxLogParser();
        p.header("00:00:00.900000 Log opened 2026-11-28T09:00:00.000000000Z");
        EventKind k = p.parse("00:10:00.000000 ERROR [COM]: aRC=E_FAIL (0x80004005) aIID={6ac83d89-6ee7-4e33-8ae6-b257b2e81be8} "
                + "aComponent={ConsoleWrap} aText={Failed to create a proxy device for the USB device. "
                + "(Error: VERR_PDM_NO_USB_PORTS)}, preserve=false aResultDetail=-2861").kind();
        assertEquals("USB device (unnamed) failed to connect: Failed to create a proxy device for the USB device "
                + "(VERR_PDM_NO_USB_PORTS)", k.describe());
        EventKind f = p.parse("00:10:01.000000 VUSB: Failed to attach '[proxy 0bda:8153]' to port 3, rc=VERR_VUSB_NO_PORTS").kind();
        assertEquals("USB device 0bda:8153 failed to connect: VERR_VUSB_NO_PORTS", f.describe());
        assertNull(p.parse("00:10:02.000000 VUSB: Attached 'HidKeyboard' to port 2 on RootHub#0 (FullSpeed)").kind());
    }
}
