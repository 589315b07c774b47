package org.hvdiag.core.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogParser;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.PathLogFile;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.UsbSpeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logs below are written for these tests in the three layouts VMware has used. Message forms
 * follow real excerpts: "USB: Found device [...]", "USB: Connecting device 0x...", "USBGL: Connect
 * failed for ..." from a vmware.log quoted in the Ubuntu forums thread "iPhone USB pass-through to
 * VMware broken?" (2007); "USB: Connecting device desc:name:... id:0x..." from vmware.log excerpts of
 * Workstation 15 (2019) and 17.5 (2025) quoted on GitHub; "USB: Disconnecting device 0x..." and
 * "Requesting hot-remove of 'usb'" from Broadcom KB 311905; "Msg_Post: Error" /
 * "[msg.log.error.unrecoverable] VMware Workstation unrecoverable error: (vmx)" / "Unexpected signal:
 * 11." from crash logs quoted in VMware and Ubuntu forums; "WinBSOD: Synthetic MSR[0x40000100]" from
 * Broadcom KB 427504; "VMAutomation_InitiatePowerOff. Trying hard powerOff" from a Workstation 17
 * vmware.log quoted on GitHub (2026).
 */
class VmwareLogParserTest {
    @TempDir
    Path dir;

    private static List<LogParser.Parsed> events(VmwareLogParser p, String log) {
        List<LogParser.Parsed> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            LogParser.Parsed parsed = p.parse(line);
            if (parsed != null && parsed.kind() != null) {
                out.add(parsed);
            }
        }
        return out;
    }

    static final String WORKSTATION_16_CRASH = """
            2026-11-27T09:14:05.118Z| vmx| I005: Log for VMware Workstation pid=7412 version=16.2.5 build=build-20904516 option=Release
            2026-11-27T09:14:05.118Z| vmx| I005: The host is x86_64.
            2026-11-27T09:14:05.120Z| vmx| I005: Host codepage=UTF-8 encoding=UTF-8
            2026-11-27T09:14:06.402Z| vmx| I005: USB: Found device [name:Aladdin\\ HASP\\ HL\\ 3.25 vid:0529 pid:0001 path:1/0/3 speed:full family:vendor]
            2026-11-27T09:14:06.402Z| vmx| I005: USB: Found device [name:Logitech\\ USB\\ Receiver vid:046d pid:c52b path:1/0/5 speed:full family:hid,hid-bootable]
            2026-11-27T09:14:06.431Z| vmx| I005: Vix: [mainDispatch.c:4292]: VMAutomation_ReportPowerOpFinished: statevar=0, newAppState=1870, success=1 additionalError=0
            2026-11-27T09:14:06.433Z| vmx| I005: Transitioned vmx/execState/val to poweredOn
            2026-11-27T09:20:02.771Z| vmx| I005: USB: Connecting device desc:name:Aladdin\\ HASP\\ HL\\ 3.25 vid:0529 pid:0001 path:1/0/3 family:vendor version:3 id:0x1000000a05290001
            2026-11-27T09:20:02.790Z| vmx| I005: USBG: Created 1000000a05290001
            2026-11-27T09:20:02.811Z| vcpu-0| I005: USB: Connecting device desc:name:VMware\\ Virtual\\ USB\\ Hub vid:0e0f pid:0002 speed:full family:hub version:3 id:0x100000000e0f0002
            2026-11-27T09:20:04.102Z| vcpu-1| I005: WinBSOD: Synthetic MSR[0x40000100] 0xfe
            2026-11-27T09:20:04.102Z| vcpu-1| I005: WinBSOD: Synthetic MSR[0x40000101] 0x5
            2026-11-27T09:20:09.550Z| vmx| W003: Unexpected signal: 11.
            2026-11-27T09:20:09.550Z| vmx| W003: Backtrace:
            2026-11-27T09:20:09.551Z| vmx| W003: Backtrace[0] 00007ffd3a1f2e40 rip=00005585b22d2a37 rbx=00005585b22d2530
            2026-11-27T09:20:09.702Z| vmx| E105: Msg_Post: Error
            2026-11-27T09:20:09.702Z| vmx| E105: [msg.log.error.unrecoverable] VMware Workstation unrecoverable error: (vmx)
            2026-11-27T09:20:09.702Z| vmx| E105+ Unexpected signal: 11.
            2026-11-27T09:20:09.702Z| vmx| E105: [msg.panic.haveLog] A log file is available in "/home/cad/vmware/win7-cad/vmware.log".
            2026-11-27T09:20:11.004Z| vmx| I005: VMX has left the building: 1.
            """;

    @Test
    void aDongleConnectsTheGuestBlueScreensAndTheVmxDiesOnce() {
        VmwareLogParser p = new VmwareLogParser();
        List<LogParser.Parsed> e = events(p, WORKSTATION_16_CRASH);
        assertEquals(4, e.size(), e.toString());
        assertInstanceOf(EventKind.PoweredOn.class, e.get(0).kind());
        EventKind.UsbConnected usb = assertInstanceOf(EventKind.UsbConnected.class, e.get(1).kind());
        assertEquals("0529:0001", usb.device().ids());
        assertEquals("Aladdin HASP HL 3.25", usb.device().name());
        // The Connecting line gives no speed: the earlier Found line for the same host path does.
        assertEquals(UsbSpeed.USB_1_1, usb.device().speed());
        EventKind.GuestCrashed bsod = assertInstanceOf(EventKind.GuestCrashed.class, e.get(2).kind());
        assertEquals(0xFE, bsod.stopCode().code());
        EventKind.StoppedAbnormally crash = assertInstanceOf(EventKind.StoppedAbnormally.class, e.get(3).kind());
        assertTrue(crash.reason().contains("signal 11 (SIGSEGV)"), crash.reason());
        assertEquals(OffsetDateTime.of(2026, 11, 27, 9, 20, 9, 550_000_000, ZoneOffset.UTC), e.get(3).time());
    }

    @Test
    void theOldIdOnlyFormsAreNamedFromTheFoundDeviceLines() {
        String log = """
                2012-07-01T17:26:27.405+02:00| vmx| USB: Found device [name:Apple\\ iPhone vid:05ac pid:1290 path:5/4 speed:high family:vendor,hid,imaging autoclean:1]
                2012-07-01T17:26:27.405+02:00| vmx| USB: Connecting device 0xe005001605ac1290
                2012-07-01T17:26:27.466+02:00| vmx| USBGL: Connect failed for e005001605ac1290
                2012-07-01T17:26:27.715+02:00| vmx| USBGL: Autoconnect failed for e005001605ac1290
                2012-07-01T17:30:00.000+02:00| vmx| USB: Disconnecting device 0xe005001605ac1290
                """;
        List<LogParser.Parsed> e = events(new VmwareLogParser(), log);
        assertEquals(3, e.size(), e.toString());
        EventKind.UsbConnected c = assertInstanceOf(EventKind.UsbConnected.class, e.get(0).kind());
        assertEquals("'Apple iPhone' (05ac:1290)", c.device().describe());
        assertEquals(UsbSpeed.USB_2_0, c.device().speed());
        assertEquals(ZoneOffset.ofHours(2), e.get(0).time().getOffset());
        EventKind.UsbConnectFailed f = assertInstanceOf(EventKind.UsbConnectFailed.class, e.get(1).kind());
        assertEquals("05ac:1290", f.device().ids());
        EventKind.UsbDisconnected d = assertInstanceOf(EventKind.UsbDisconnected.class, e.get(2).kind());
        assertEquals("Apple iPhone", d.device().name());
    }

    @Test
    void theEsxi8LayoutWithOperationIdsAndHardPowerOff() {
        String log = """
                2026-11-28T22:01:10.004Z In(05) vmx - Log for VMware ESX pid=2099542 version=8.0.3 build=build-24022510 option=Release
                2026-11-28T22:01:11.220Z In(05) vmx - USB: Found device [name:SafeNet\\ Token\\ JC vid:0529 pid:0620 path:1/2/1 speed:full family:smartcard]
                2026-11-28T22:05:40.002Z In(05) vmx - USB: Connecting device desc:name:SafeNet\\ Token\\ JC vid:0529 pid:0620 path:1/2/1 speed:full family:smartcard version:4 id:0x2000000305290620
                2026-11-28T22:06:01.317Z Wa(03) vmx - Requesting hot-remove of 'usb'.
                2026-11-28T22:06:01.320Z In(05) vcpu-0 - USB: Disconnecting device 0x2000000305290620
                2026-11-28T22:06:01.321Z In(05) vcpu-0 - USB: Disconnecting device 0x200000040e0f0003
                2026-11-28T22:06:01.342Z In(05) vcpu-0 - Checkpoint_Unstun: vm stopped for 11223 us
                2026-11-28T23:40:12.911Z In(05) vmx 6e3b1a0c-01-7f Vix: [mainDispatch.c:4292]: VMAutomation_InitiatePowerOff. Trying hard powerOff
                2026-11-28T23:40:13.502Z In(05) vmx - Transitioned vmx/execState/val to poweredOff
                2026-11-28T23:40:13.610Z In(05) vmx - VMX has left the building: 0.
                """;
        List<LogParser.Parsed> e = events(new VmwareLogParser(), log);
        assertEquals(List.of("powered on", "USB connected", "USB disconnected", "hard power-off"),
                e.stream().map(x -> x.kind().label()).toList());
        EventKind.UsbDisconnected d = assertInstanceOf(EventKind.UsbDisconnected.class, e.get(2).kind());
        assertEquals("'SafeNet Token JC' (0529:0620)", d.device().describe());
    }

    @Test
    void aGuestShutdownAndASuspendAreNormalStopsWithTheirCause() {
        String log = """
                2026-11-29T08:00:00.100+01:00| vmx| I005: Log for VMware Workstation pid=51 version=17.0.2 build=build-21581411 option=Release
                2026-11-29T17:45:12.300+01:00| vcpu-0| I005: Chipset: The guest has requested that the virtual machine be powered off.
                2026-11-29T17:45:13.000+01:00| vmx| I005: VMX has left the building: 0.
                2026-11-30T08:00:00.100+01:00| vmx| I005: Log for VMware Workstation pid=52 version=17.0.2 build=build-21581411 option=Release
                2026-11-30T12:00:01.000+01:00| vmx| I005: Transitioned vmx/execState/val to suspended
                2026-11-30T12:00:02.000+01:00| vmx| I005: VMX has left the building: 0.
                """;
        List<LogParser.Parsed> e = events(new VmwareLogParser(), log);
        assertEquals(4, e.size());
        assertEquals("the guest shut down", assertInstanceOf(EventKind.StoppedNormally.class, e.get(1).kind()).reason());
        assertEquals("suspended", assertInstanceOf(EventKind.StoppedNormally.class, e.get(3).kind()).reason());
    }

    @Test
    void aNonZeroExitAloneIsAnAbnormalStop() {
        List<LogParser.Parsed> e = events(new VmwareLogParser(),
                "2026-11-29T08:00:00.000Z| vmx| I005: VMX has left the building: 1.\n");
        assertEquals("the VMX process exited with status 1",
                assertInstanceOf(EventKind.StoppedAbnormally.class, e.get(0).kind()).reason());
    }

    @Test
    void yearlessLinesAreCountedNotDated() {
        VmwareLogParser p = new VmwareLogParser();
        assertNull(p.parse("Oct 25 23:09:42: vmx| [msg.log.error.unrecoverable] VMware Player unrecoverable error: (vmx)"));
        assertNull(p.parse("Jul 01 17:26:27.405: vmx| USB: Connecting device 0xe005001605ac1290"));
        assertEquals(2, p.undatedLines());
    }

    @Test
    void garbageAndGarbledStampsGiveNothing() {
        VmwareLogParser p = new VmwareLogParser();
        assertNull(p.parse(""));
        assertNull(p.parse("\u0000\u0000\u0000 binary junk \u00ff\u00fe"));
        assertNull(p.parse("2026-13-45T99:99:99.000Z| vmx| I005: VMX has left the building: 0."));
        assertNull(p.parse("2026-11-29T08:00:00.000Q| vmx| I005: VMX has left the building: 0."));
        assertNull(p.parse("USB: Connecting device 0xe005001605ac1290"));
        LogParser.Parsed plain = p.parse("2026-11-29T08:00:00.000Z| vmx| I005: USB: Connecting device desc:");
        assertNull(plain.kind());
        assertEquals(Instant.parse("2026-11-29T08:00:00Z"), plain.time().toInstant());
        // A time and nothing else is still a time for the reader's window and clock checks.
        assertEquals(Instant.parse("2026-11-29T08:00:01Z"), p.parse("2026-11-29T08:00:01.000Z In(05) vmx").time().toInstant());
    }

    @Test
    void throughTheTailReaderTornAndNonUtf8LinesAreNotes(@TempDir Path tmp) throws IOException {
        byte[] head = (WORKSTATION_16_CRASH.replace("Host codepage=UTF-8", "Host name=B\u00fcro")).getBytes(StandardCharsets.ISO_8859_1);
        byte[] torn = "2026-11-27T09:20:11.100Z| vmx| I005: USB: Connecting device desc:name:Half".getBytes(StandardCharsets.US_ASCII);
        Path log = tmp.resolve("vmware.log");
        Files.write(log, concat(head, torn));
        EvidenceWindow w = new EvidenceWindow(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), 1 << 20);
        VmEvidence ev = new LogTail("vm", "win7-cad", w).read(List.of(new PathLogFile(log)), VmwareLogParser::new);
        assertEquals(4, ev.events().size());
        VmEvent first = ev.events().get(0);
        assertEquals(log + ":1", first.source().toString());
        assertTrue(ev.notes().stream().anyMatch(n -> n.contains("incomplete")), ev.notes().toString());
        assertTrue(ev.notes().stream().anyMatch(n -> n.contains("not UTF-8")), ev.notes().toString());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void idsNormalise() {
        assertEquals("10e0f0002", VmwareUsbDevices.normalId("0x10e0f0002"));
        assertEquals("e005001605ac1290", VmwareUsbDevices.normalId("e005001605ac1290"));
        assertEquals("", VmwareUsbDevices.normalId("zz"));
    }
}
