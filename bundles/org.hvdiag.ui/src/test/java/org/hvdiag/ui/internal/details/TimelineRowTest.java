package org.hvdiag.ui.internal.details;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.StopCode;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbSpeed;

/** A kiosk whose VMX dies 4 s after a token connects, then is started and hard powered off later. */
class TimelineRowTest {
    private static final UsbDeviceSeen TOKEN = new UsbDeviceSeen("0529", "0620", "SafeNet eToken", UsbSpeed.USB_2_0, UsbControllerType.XHCI);
    private static int line = 100;

    private static VmEvent at(String time, EventKind kind) {
        line++;
        return new VmEvent(OffsetDateTime.parse(time), "/vms/kiosk.vmx", "Kiosk 01", kind,
                new EventSource("vmware.log", line, -1), time + "| vmx| I125: line " + line);
    }

    private final VmEvent poweredOn = at("2026-11-28T09:00:00.000Z", new EventKind.PoweredOn());
    private final VmEvent connect = at("2026-11-28T09:12:03.512Z", new EventKind.UsbConnected(TOKEN));
    private final VmEvent failed = at("2026-11-28T09:12:05.000Z", new EventKind.UsbConnectFailed(TOKEN, "busy"));
    private final VmEvent crash = at("2026-11-28T09:12:07.100Z", new EventKind.StoppedAbnormally("Unexpected signal: 11."));
    private final VmEvent again = at("2026-11-28T10:00:00.000Z", new EventKind.PoweredOn());
    private final VmEvent bsod = at("2026-11-28T10:30:00.000Z", new EventKind.GuestCrashed(StopCode.parse("0xFE"), ""));
    private final VmEvent pulled = at("2026-11-28T11:00:00.000Z", new EventKind.HardPowerOff("the user"));
    private final VmEvidence kiosk = new VmEvidence("/vms/kiosk.vmx", "Kiosk 01",
            List.of(poweredOn, connect, failed, crash, again, bsod, pulled), List.of(), 4096);

    private static Finding finding(List<VmEvent> events) {
        return new Finding("evidence-crash-after-usb-connect", Severity.ERROR, "lab", "local", "/vms/kiosk.vmx", "Kiosk 01",
                "crashed", Map.of(), null, events);
    }

    @Test
    void marksUsbEventsCrashesAndHardPowerOffsByWord() {
        List<String> marks = TimelineRow.of(kiosk, null).stream().map(r -> r.mark().word()).toList();
        assertEquals(List.of("", "USB", "USB", "crash", "", "crash", "power-off"), marks);
    }

    @Test
    void theFindingsOwnEventsAreEventsAndWhatLiesBetweenIsInItsSpan() {
        List<TimelineRow> rows = TimelineRow.of(kiosk, finding(List.of(connect, crash)));
        assertEquals(List.of("", "event", "in span", "event", "", "", ""), rows.stream().map(r -> r.place().word()).toList());
        assertEquals(1, TimelineRow.firstHighlighted(rows), "the table scrolls to the USB connect");
    }

    @Test
    void theSpanDoesNotDependOnTheOrderARuleListsItsEventsIn() {
        FindingSpan span = FindingSpan.of(finding(List.of(crash, connect))).orElseThrow();
        assertEquals(connect.instant(), span.first());
        assertEquals(crash.instant(), span.last());
        assertTrue(span.contains(failed.instant()));
        assertTrue(span.contains(crash.instant()), "both ends are in the span");
    }

    @Test
    void aConfigurationFindingHasNoSpanAndHighlightsNothing() {
        Finding config = new Finding("usb-xhci-guest-without-driver", Severity.WARNING, "lab", "local", "/vms/kiosk.vmx",
                "Kiosk 01", "xHCI on a guest without driver", Map.of(), null);
        assertTrue(FindingSpan.of(config).isEmpty());
        List<TimelineRow> rows = TimelineRow.of(kiosk, config);
        assertTrue(rows.stream().noneMatch(r -> r.place().highlighted()));
        assertEquals(-1, TimelineRow.firstHighlighted(rows));
    }

    @Test
    void cellsGiveTimeWithItsOffsetKindDescriptionAndTheLineToGrepFor() {
        TimelineRow row = TimelineRow.of(kiosk, finding(List.of(connect, crash))).get(1);
        assertArrayEquals(new String[] {"2026-11-28 09:12:03.512 Z", "USB", "event", "USB connected",
                "USB device 'SafeNet eToken' (0529:0620) connected", "vmware.log:" + connect.source().line()}, row.cells());
        VmEvent cet = new VmEvent(OffsetDateTime.parse("2026-11-28T10:12:03+01:00"), "v", "v", new EventKind.PoweredOn(),
                new EventSource("VBox.log", -1, 5120), "");
        assertEquals("2026-11-28 10:12:03.000 +01:00", TimelineRow.of(new VmEvidence("v", "v", List.of(cet), List.of(), 1), null)
                .get(0).cells()[0], "the time as the log gave it, with its offset");
        assertEquals("VBox.log @5120", TimelineRow.of(new VmEvidence("v", "v", List.of(cet), List.of(), 1), null).get(0).cells()[5]);
    }

    @Test
    void theSourceColumnNamesTheFileAndLineTheRawLineGivesThePath() {
        assertEquals("vmware.log:35", TimelineRow.shortSource(new EventSource("/vms/win7-cad/vmware.log", 35, -1)));
        assertEquals("vmware-0.log:7", TimelineRow.shortSource(new EventSource("D:\\VMs\\win7-cad\\vmware-0.log", 7, -1)));
        assertEquals("Microsoft-Windows-Hyper-V-Worker-Admin:4711",
                TimelineRow.shortSource(EventSource.record("Microsoft-Windows-Hyper-V-Worker-Admin", 4711)));
    }
}
