package org.hvdiag.libvirt.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.VmEvent;

/**
 * One timeline from a domain's QEMU log and the events its session received. Both see a start, a
 * stop and a crash (libvirt writes "shutting down, reason=destroyed" and sends STOPPED DESTROYED
 * for one destroy): the log's line is kept, as it says more (the signal and its sender, the guest's
 * stop code) and an admin can find it with grep, and the event is left out when the log has one of
 * the same sort within {@link #NEAR}. USB device events are never in both: the log has libusb
 * failures, the events have hot-plugs.
 */
final class EventMerge {
    /** libvirt writes the log line and queues the event in the same call; a busy daemon still sends it within this. */
    static final Duration NEAR = Duration.ofSeconds(5);

    private EventMerge() {
    }

    /** Both lists oldest first; the result oldest first, the log's event before the session's at the same instant. */
    static List<VmEvent> merge(List<VmEvent> fromLog, List<VmEvent> received) {
        List<VmEvent> out = new ArrayList<>(fromLog);
        for (VmEvent e : received) {
            if (!inLog(e, fromLog)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(VmEvent::instant)); // stable: the log's first on a tie
        return out;
    }

    private static boolean inLog(VmEvent e, List<VmEvent> fromLog) {
        Sort sort = sort(e.kind());
        if (sort == Sort.USB) {
            return false;
        }
        for (VmEvent l : fromLog) {
            if (sort(l.kind()) == sort && Duration.between(l.instant(), e.instant()).abs().compareTo(NEAR) <= 0) {
                return true;
            }
        }
        return false;
    }

    private enum Sort { START, STOP, GUEST_CRASH, USB }

    /** A stop is one stop whatever each source calls it: the log may see a SIGTERM where the event says shutdown. */
    private static Sort sort(EventKind k) {
        if (k instanceof EventKind.PoweredOn) {
            return Sort.START;
        }
        if (k instanceof EventKind.GuestCrashed) {
            return Sort.GUEST_CRASH;
        }
        if (k instanceof EventKind.StoppedNormally || k instanceof EventKind.StoppedAbnormally
                || k instanceof EventKind.HardPowerOff) {
            return Sort.STOP;
        }
        return Sort.USB;
    }
}
