package org.hvdiag.ui.internal.evidence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.hvdiag.core.evidence.EvidenceWindow;

/**
 * How far back an audit reads each VM's hypervisor log: the last {@code days} days up to
 * {@code until}, or up to the moment the audit starts when {@code until} is null. Zero days reads
 * no logs: a configuration-only audit, as `hvdiag audit` without --evidence makes.
 */
public record EvidencePeriod(int days, Instant until) {
    /** The choices the Findings view offers; a week covers "it crashed last Tuesday". */
    public static final List<Integer> CHOICES = List.of(0, 1, 7, 30, 90);
    public static final int DEFAULT_DAYS = 7;

    public EvidencePeriod {
        if (days < 0) {
            throw new IllegalArgumentException("a log period cannot be negative: " + days + " days");
        }
    }

    public boolean readsLogs() {
        return days > 0;
    }

    /** The window for an audit starting at {@code now}, 8 MiB per VM; null when no logs are read. */
    public EvidenceWindow window(Instant now) {
        if (!readsLogs()) {
            return null;
        }
        return EvidenceWindow.last(Duration.ofDays(days), until == null ? now : until);
    }

    /** What the choice reads as in the Findings view's list. */
    public static String label(int days) {
        return switch (days) {
            case 0 -> "Logs: not read";
            case 1 -> "Logs: last day";
            default -> "Logs: last " + days + " days";
        };
    }

    /**
     * Parses a fixed end of the window ("2026-12-01T00:00:00Z" or with an offset) for logs that do
     * not move with the clock, such as the lab's; blank means "now".
     */
    public static Instant parseUntil(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the end of the log period '" + text.strip()
                    + "' is not an ISO 8601 time with a zone, such as 2026-12-01T00:00:00Z", e);
        }
    }
}
