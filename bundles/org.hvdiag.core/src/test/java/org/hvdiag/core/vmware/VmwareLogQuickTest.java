package org.hvdiag.core.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.LogParser;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.PathLogFile;
import org.hvdiag.core.evidence.VmEvidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser's look at a line's bytes ({@link VmwareLogParser#scan}) must agree with its full parse:
 * a line it passes over would have given no event, changed nothing, and had the time it reported.
 */
class VmwareLogQuickTest {
    @TempDir
    Path dir;

    /** Lines of every layout and of the edges scan decides on. */
    static final String LINES = VmwareLogParserTest.WORKSTATION_16_CRASH + """
            2026-11-28T22:01:10.004Z In(05) vmx - Log for VMware ESX pid=2099542 version=8.0.3 build=build-24022510 option=Release
            2026-11-28T22:01:11.220Z In(05) vmx - USB: Found device [name:SafeNet\\ Token\\ JC vid:0529 pid:0620 path:1/2/1 speed:full family:smartcard]
            2026-11-28T22:05:40.002Z In(05) vmx - USB: Connecting device desc:name:SafeNet\\ Token\\ JC vid:0529 pid:0620 path:1/2/1 speed:full family:smartcard version:4 id:0x2000000305290620
            2026-11-28T22:06:01.317Z Wa(03) vmx - Requesting hot-remove of 'usb'.
            2026-11-28T22:06:01.320Z In(05) vcpu-0 - USB: Disconnecting device 0x2000000305290620
            2026-11-28T22:06:01.342Z In(05) vcpu-0 - Checkpoint_Unstun: vm stopped for 11223 us
            2026-11-28T23:40:12.911Z In(05) vmx 6e3b1a0c-01-7f Vix: [mainDispatch.c:4292]: VMAutomation_InitiatePowerOff. Trying hard powerOff
            2026-11-28T23:40:12.912Z In(05) vmx 6e3b1a0c-01-7f Vix: [mainDispatch.c:4292]: VMAutomation_PowerOn. Powering on.
            2026-11-28T23:40:12.913Z In(05) vmx opid-1 USB: Found device [name:Late vid:1234 pid:5678 path:1/1 speed:high family:storage]
            2026-11-28T23:40:12.914Z In(05) vmx op-id: USB: Found device [name:NotAnOpId vid:1234 pid:5679 path:1/2 speed:high family:storage]
            2026-11-28T23:40:13.502Z In(05) vmx - Transitioned vmx/execState/val to poweredOff
            2026-11-28T23:40:13.610Z In(05) vmx - VMX has left the building: 0.
            2026-11-29T08:00:00.100+01:00| vmx| I005: Log for VMware Workstation pid=51 version=17.0.2 build=build-21581411 option=Release
            2026-11-29T17:45:12.300+01:00| vcpu-0| I005: Chipset: The guest has requested that the virtual machine be powered off.
            2026-11-29T17:45:12.301-05:30| vcpu-0| I005: Chipset: something else
            2026-11-29T17:45:13.000+01:00| vmx| I005: VMX has left the building: 0.
            2026-11-30T12:00:01.000+01:00| vmx| I005: Transitioned vmx/execState/val to suspended
            2026-11-30T12:00:01.5+01:00| vmx| I005: Vix: [vmxCommands.c:7212]: VMAutomation_InitiatePowerOff. Trying soft powerOff
            2026-11-30T12:00:01.123456789123Z| vmx| I005: ten and more fraction digits
            2026-11-30T12:00:01Z| vmx| I005: no fraction
            2026-11-30T12:00:01.Z| vmx| I005: a dot and no fraction
            2026-11-30T12:00:02.000Z| vmx|   W115+   continued line
            2026-11-30T12:00:02.000Z| vmx| only one bar after the thread
            2026-11-30T12:00:02.000Z| vmx|
            2026-11-30T12:00:02.000Z In(05) vmx
            2026-11-30T12:00:02.000Z In(05) vmx\s
            2026-11-30T12:00:02.000Z In(05)
            2026-11-30T12:00:02.000Z short message
            2026-11-30T12:00:02.000Z
            2026-11-30T12:00:02.000Zx
            2026-11-30T12:00:02.000+0100| vmx| I005: odd zone
            2026-13-45T99:99:99.000Z| vmx| I005: VMX has left the building: 0.
            2026-02-30T10:00:00.000Z| vmx| I005: no such day
            2026-11-29T08:00:00.000Q| vmx| I005: VMX has left the building: 0.
            2026-11-30T12:00:03.000Z In(05) vmx USBGL: Connect failed for 2000000305290620
            2026-11-30T12:00:03.000Z In(05) vmx USBG: not a marker
            2026-11-30T12:00:03.000Z In(05) vmx [msg.moduletable.powerOnFailed] Module 'Disk' power on failed.
            2026-11-30T12:00:03.000Z In(05) vmx [msg.other] nothing
            2026-11-30T12:00:03.000Z In(05) vmx WinBSOD: Synthetic MSR[0x40000100] 0x1e
            2026-11-30T12:00:03.000Z In(05) vmx Log for VMware
            2026-11-30T12:00:04.000Z In(05) vmx VMX has left the building: 2.
            Oct 25 23:09:42: vmx| [msg.log.error.unrecoverable] VMware Player unrecoverable error: (vmx)
            Jul 01 17:26:27.405: vmx| USB: Connecting device 0xe005001605ac1290
            USB: Connecting device 0xe005001605ac1290
            short
            """;

    @Test
    void everyLinePassedOverParsesToItsTimeAndNoEvent() {
        VmwareLogParser full = new VmwareLogParser();
        VmwareLogParser quick = new VmwareLogParser();
        LogParser.LineTime time = new LogParser.LineTime();
        int passed = 0;
        for (String line : LINES.split("\n", -1)) {
            LogParser.Parsed want = full.parse(line);
            byte[] b = ("<<" + line + ">>").getBytes(StandardCharsets.US_ASCII);
            int seen = quick.scan(b, 2, b.length - 2, time);
            if (seen == LogParser.Quick.NOTHING) {
                assertNull(want, line);
                passed++;
            } else if (seen == LogParser.Quick.TIME_ONLY) {
                assertNotNull(want, line);
                assertNull(want.kind(), line);
                OffsetDateTime t = OffsetDateTime.ofInstant(Instant.ofEpochSecond(time.epochSecond(), time.nano()),
                        ZoneOffset.ofTotalSeconds(time.offsetSeconds()));
                assertEquals(want.time(), t, line);
                assertEquals(want.time().toString(), t.toString(), line);
                passed++;
            } else {
                assertEquals(LogParser.Quick.PARSE, seen, line);
                quick.parse(line);
            }
        }
        assertTrue(passed > 20, "most lines are passed over: " + passed);
        // what the parsed lines remembered is the same: a later disconnect names the same device
        String late = "2026-11-30T13:00:00.000Z In(05) vcpu-0 - USB: Disconnecting device 0x2000000305290620";
        assertEquals(full.parse(late), quick.parse(late));
        assertEquals(full.undatedLines(), quick.undatedLines());
    }

    /** The same parser without its look at bytes: every line goes through parse. */
    static final class ParseOnly implements LogParser {
        final VmwareLogParser p = new VmwareLogParser();

        @Override
        public Parsed parse(String line) {
            return p.parse(line);
        }
    }

    @Test
    void theTailReaderGivesTheSameEventsAndNotesWithAndWithoutIt() throws IOException {
        // a clock jump on lines that are no events, CRLF line ends, a line of another encoding
        String text = LINES.replace("2026-11-28T22:06:01.342Z", "2026-11-28T21:00:00.000Z")
                + "2026-11-30T12:00:05.000Z In(05) vmx B\u00fcro\r\n"
                + "2026-11-30T12:00:06.000Z In(05) vmx USB: Disconnecting device 0x2000000305290620\r\n";
        Path log = Files.write(dir.resolve("vmware.log"), text.getBytes(StandardCharsets.ISO_8859_1));
        for (long bound : new long[] {1 << 20, 3000, 700}) {
            EvidenceWindow w = new EvidenceWindow(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), bound);
            List<LogFile> files = List.of(new PathLogFile(log));
            VmEvidence fast = new LogTail("vm", "esx", w).read(files, VmwareLogParser::new);
            VmEvidence slow = new LogTail("vm", "esx", w).read(files, ParseOnly::new);
            assertEquals(slow, fast, "bound " + bound);
            if (bound > text.length()) {
                assertTrue(fast.notes().stream().anyMatch(n -> n.contains("clock went back from 2026-11-28T22:06:01.320Z to 2026-11-28T21:00Z")),
                        fast.notes().toString());
                assertTrue(fast.events().size() > 5, fast.events().toString());
            }
        }
        List<String> kinds = new ArrayList<>();
        new LogTail("vm", "esx", new EvidenceWindow(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), 1 << 20))
                .read(List.of(new PathLogFile(log)), VmwareLogParser::new).events().forEach(e -> kinds.add(e.kind().label()));
        assertTrue(kinds.contains("hard power-off"), kinds.toString());
    }
}
