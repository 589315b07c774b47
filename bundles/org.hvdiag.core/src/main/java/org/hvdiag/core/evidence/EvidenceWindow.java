package org.hvdiag.core.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The span of time an evidence read looks at, and how much of each VM's logs it may read. Logs
 * rotate and grow without end, so {@code maxBytesPerVm} bounds the read: the newest bytes first.
 */
public record EvidenceWindow(Instant from, Instant to, long maxBytesPerVm) {
    /** 8 MiB holds weeks of a quiet VM's vmware.log and the whole of a typical VBox.log. */
    public static final long DEFAULT_MAX_BYTES_PER_VM = 8L << 20;

    public EvidenceWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the window ends (" + to + ") before it starts (" + from + ")");
        }
        if (maxBytesPerVm <= 0) {
            throw new IllegalArgumentException("maxBytesPerVm must be positive, was " + maxBytesPerVm);
        }
    }

    /** The last {@code span} up to {@code now}. */
    public static EvidenceWindow last(Duration span, Instant now) {
        return new EvidenceWindow(now.minus(span), now, DEFAULT_MAX_BYTES_PER_VM);
    }

    public EvidenceWindow withMaxBytesPerVm(long bytes) {
        return new EvidenceWindow(from, to, bytes);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && !t.isAfter(to);
    }
}
