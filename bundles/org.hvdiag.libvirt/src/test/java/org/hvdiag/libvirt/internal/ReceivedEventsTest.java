package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;

/** A session's received events: numbered, per domain, inside the window, and bounded. */
class ReceivedEventsTest {
    static final Instant T0 = Instant.parse("2026-11-27T09:14:02Z");

    @Test
    void pastTheBoundTheOldestGoAndAreCounted() {
        ReceivedEvents events = new ReceivedEvents(DomainEvents.MAX_KEPT);
        List<Long> evicted = new ArrayList<>();
        // A USB device flapping every second for three hours: 10,800 plug-ins.
        for (int i = 0; i < 10_800; i++) {
            events.add(T0.plusSeconds(i), "a", "eng-ws-07", null, "hostdev0", i % 2 == 0, "", r -> evicted.add(r.seq()));
        }
        List<ReceivedEvents.Received> kept = events.of("a", EvidenceWindow.last(Duration.ofDays(1), T0.plusSeconds(20_000)));
        assertEquals(10_000, kept.size());
        assertEquals(801, kept.get(0).seq(), "the newest are kept");
        assertEquals(10_800, kept.get(kept.size() - 1).seq());
        assertEquals(800, events.dropped());
        assertEquals(800, evicted.size());
        assertEquals(1, evicted.get(0));
    }

    @Test
    void onlyTheDomainsEventsInsideTheWindow() {
        ReceivedEvents events = new ReceivedEvents(100);
        events.add(T0, "a", "eng-ws-07", new EventKind.PoweredOn(), "", false, "", r -> { });
        events.add(T0.plusSeconds(60), "b", "file-01", new EventKind.PoweredOn(), "", false, "", r -> { });
        events.add(T0.plusSeconds(3600), "a", "eng-ws-07", new EventKind.HardPowerOff("libvirt destroy"), "", false, "", r -> { });
        List<ReceivedEvents.Received> a = events.of("a", new EvidenceWindow(T0.plusSeconds(1), T0.plusSeconds(3600), 1));
        assertEquals(1, a.size());
        assertEquals(3, a.get(0).seq(), "numbered across the session, not per domain");
        assertEquals(0, events.dropped());
    }
}
