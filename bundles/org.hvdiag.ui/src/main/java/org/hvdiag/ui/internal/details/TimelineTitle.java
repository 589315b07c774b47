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
        String title = "Timeline of " + evidence.vmName() + ": " + n + (n == 1 ? " event" : " events") + " in its logs from "
                + DAY_TIME.format(window.from()) + " to " + DAY_TIME.format(window.to()) + " UTC";
        Optional<FindingSpan> span = FindingSpan.of(f);
        if (span.isEmpty()) {
            return title + ". This finding is about configuration: no span to shade.";
        }
        return title + ". This finding's events, " + time(span.get().first()) + " to " + time(span.get().last())
                + " UTC, are shaded.";
    }

    private static String time(Instant t) {
        return TIME.format(t);
    }
}
