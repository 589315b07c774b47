package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvent;

/** The QEMU log and the session's events in one timeline, each start, stop and crash once. */
class EventMergeTest {
    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 27, 9, 14, 2, 118_000_000, ZoneOffset.UTC);
    static final EventSource LOG = new EventSource("/var/log/libvirt/qemu/eng-ws-07.log", -1, 0);
    static final EventSource EVENTS = EventSource.record("libvirt events on qemu:///system", 1);

    static VmEvent at(long millis, EventKind kind, EventSource source) {
        return new VmEvent(T0.plusNanos(millis * 1_000_000), "uuid", "eng-ws-07", kind, source, "");
    }

    @Test
    void aStartAndADestroyInBothAreTheLogsLinesOnly() {
        VmEvent on = at(0, new EventKind.PoweredOn(), LOG);
        VmEvent off = at(60_000, new EventKind.HardPowerOff("libvirt (virsh destroy or a management tool's force off)"), LOG);
        List<VmEvent> merged = EventMerge.merge(List.of(on, off), List.of(
                at(40, new EventKind.PoweredOn(), EVENTS),
                at(60_020, new EventKind.HardPowerOff("libvirt destroy"), EVENTS)));
        assertEquals(List.of(on, off), merged);
    }

    @Test
    void aStopIsOneStopWhateverEachSourceCallsIt() {
        // QEMU killed with SIGTERM: the log names the signal, the event calls it a shutdown.
        VmEvent log = at(0, new EventKind.HardPowerOff("signal 15 from pid 4242 (kill)"), LOG);
        List<VmEvent> merged = EventMerge.merge(List.of(log), List.of(at(300, new EventKind.StoppedNormally("the guest shut down"), EVENTS)));
        assertEquals(List.of(log), merged);
    }

    @Test
    void aPanicWithItsStopCodeInTheLogHidesTheEventsCrashButNotTheStopAfterIt() {
        VmEvent panic = at(0, new EventKind.GuestCrashed(org.hvdiag.core.evidence.StopCode.parse("0xfe"), "Hyper-V crash MSRs"), LOG);
        VmEvent crashed = at(10, new EventKind.GuestCrashed(null, "the guest panicked (libvirt event)"), EVENTS);
        VmEvent stopped = at(20, new EventKind.StoppedAbnormally("crashed"), EVENTS);
        assertEquals(List.of(panic, stopped), EventMerge.merge(List.of(panic), List.of(crashed, stopped)),
                "the log had no stop line (read before libvirt wrote it): the event's stop stays");
    }

    @Test
    void eventsFarFromTheLogsLinesAndUsbEventsAreKeptInTimeOrder() {
        VmEvent on = at(0, new EventKind.PoweredOn(), LOG);
        VmEvent plugged = at(2_000, new EventKind.UsbConnected(UsbDeviceSeen.named("disk[sdb]: USB disk sdb")), EVENTS);
        VmEvent libusbGone = at(2_000, new EventKind.UsbDisconnected(UsbDeviceSeen.named("host USB device")), LOG);
        VmEvent restart = at(5_001, new EventKind.PoweredOn(), EVENTS);
        List<VmEvent> merged = EventMerge.merge(List.of(on, libusbGone), List.of(plugged, restart));
        assertEquals(List.of(on, libusbGone, plugged, restart), merged, "5.001 s apart is another start; on a tie the log's first");
    }

    @Test
    void withoutALogEveryEventIsKept() {
        List<VmEvent> received = List.of(at(0, new EventKind.PoweredOn(), EVENTS), at(1, new EventKind.HardPowerOff("libvirt destroy"), EVENTS));
        assertEquals(received, EventMerge.merge(List.of(), received));
    }
}
