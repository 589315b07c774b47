package org.hvdiag.ui.internal.details;

import java.time.Instant;
import java.util.Optional;

import org.hvdiag.audit.Finding;
import org.hvdiag.core.evidence.VmEvent;

/**
 * The time a finding's own log events cover, first to last: the stretch of the VM's timeline the
 * admin reads first. A finding about configuration rests on no event and has none.
 */
public record FindingSpan(Instant first, Instant last) {
    public FindingSpan {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a span ends (" + last + ") before it starts (" + first + ")");
        }
    }

    public static Optional<FindingSpan> of(Finding f) {
        if (f.events().isEmpty()) {
            return Optional.empty();
        }
        // Rules list events oldest first, but the span should not depend on a rule keeping to that.
        Instant first = null;
        Instant last = null;
        for (VmEvent e : f.events()) {
            Instant t = e.instant();
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
        }
        return Optional.of(new FindingSpan(first, last));
    }

    public boolean contains(Instant t) {
        return !t.isBefore(first) && !t.isAfter(last);
    }
}
