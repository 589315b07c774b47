package org.hvdiag.ui.internal.details;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.hvdiag.audit.Finding;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;

/** The line above a VM's timeline: whose events, how many, over which window, and the finding's span. */
final class TimelineTitle {
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TimelineTitle() {
    }

    static String of(Finding f, VmEvidence evidence, EvidenceWindow window) {
        int n = evidence.events().size();
        String title = "Timeline of " + evidence.vmName() + ": " + n + (n == 1 ? " event" : " events") + ", "
                + DAY_TIME.format(window.from()) + " to " + DAY_TIME.format(window.to()) + " UTC.";
        Optional<FindingSpan> span = FindingSpan.of(f);
        // A finding about configuration rests on no event: nothing to shade.
        return span.isEmpty() ? title
                : title + " Shaded: this finding's events, " + time(span.get().first()) + " to " + time(span.get().last()) + " UTC.";
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }
}
