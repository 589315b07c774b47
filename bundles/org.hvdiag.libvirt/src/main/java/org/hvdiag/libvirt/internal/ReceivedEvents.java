package org.hvdiag.libvirt.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;

/**
 * The newest events of one session, numbered in arrival order. Bounded: a workbench left open for
 * weeks on a host whose guests flap a USB device every second keeps {@code max} events, not all.
 */
final class ReceivedEvents {
    /** One event as received; {@code kind} is null for a device event, whose alias is looked up later. */
    record Received(long seq, Instant time, String domainUuid, String domainName, EventKind kind, String alias,
            boolean added, String rawLine) {
    }

    private final int max;
    private final Deque<Received> kept = new ArrayDeque<>();
    private long seq;
    private long dropped;

    ReceivedEvents(int max) {
        this.max = max;
    }

    /** Keeps the event, numbered after the last one; the oldest kept goes to {@code evicted} past the bound. */
    synchronized Received add(Instant time, String domainUuid, String domainName, EventKind kind, String alias,
            boolean added, String rawLine, Consumer<Received> evicted) {
        Received r = new Received(++seq, time, domainUuid, domainName, kind, alias, added, rawLine);
        kept.addLast(r);
        if (kept.size() > max) {
            evicted.accept(kept.removeFirst());
            dropped++;
        }
        return r;
    }

    /** The domain's events inside the window, oldest first. */
    synchronized List<Received> of(String domainUuid, EvidenceWindow window) {
        List<Received> mine = new ArrayList<>();
        for (Received r : kept) {
            if (r.domainUuid().equals(domainUuid) && window.contains(r.time())) {
                mine.add(r);
            }
        }
        return mine;
    }

    /** How many older events were let go for the bound. */
    synchronized long dropped() {
        return dropped;
    }
}
