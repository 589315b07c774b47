package org.hvdiag.cli.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Option;

import org.hvdiag.core.evidence.EvidenceWindow;

/** The window of log time that `audit --evidence` and `events` read, and how much of each VM's logs. */
public final class EvidenceOptions {
    private static final Pattern SHORT = Pattern.compile("(\\d+)([mhdw])");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMG]i?B?)?", Pattern.CASE_INSENSITIVE);

    @Option(names = "--since", paramLabel = "WHEN", description = "Start of the window: a duration back "
            + "from --until (30m, 12h, 7d, 2w, or ISO 8601 like P3DT12H) or a date or time (2026-11-20, "
            + "2026-11-20T08:00:00Z) (default: 7d).")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "End of the window: a date or time (default: now).")
    String until;

    @Option(names = "--log-bytes", paramLabel = "SIZE", description = "Read at most SIZE of each VM's "
            + "logs, newest first (e.g. 512KiB, 64MiB) (default: 8MiB).")
    String logBytes;

    /** Whether the admin set any of these options. */
    boolean given() {
        return since != null || until != null || logBytes != null;
    }

    EvidenceWindow window(Clock clock) {
        Instant to = until == null ? clock.instant() : instant("--until", until);
        Instant from = start(to);
        if (from.isAfter(to)) {
            throw new InputError("--since " + since + " is after --until " + (until == null ? "(now)" : until));
        }
        return new EvidenceWindow(from, to, bytes());
    }

    private Instant start(Instant to) {
        String s = since == null ? "7d" : since.strip();
        Matcher m = SHORT.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return to.minus(d);
        }
        if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return to.minus(Duration.parse(s.toUpperCase(Locale.ROOT)));
            } catch (DateTimeException e) {
                throw new InputError("--since " + since + ": not an ISO 8601 duration such as P7D or PT12H");
            }
        }
        return instant("--since", s);
    }

    /** A date is its midnight in UTC; a time without a zone is refused rather than guessed. */
    private static Instant instant(String option, String text) {
        String s = text.strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException e) {
            throw new InputError(option + " " + text + ": expected a duration (7d), a date (2026-11-20) or a time with "
                    + "its zone (2026-11-20T08:00:00Z or 2026-11-20T09:00:00+01:00)");
        }
    }

    private long bytes() {
        if (logBytes == null) {
            return EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM;
        }
        Matcher m = SIZE.matcher(logBytes.strip());
        if (!m.matches()) {
            throw new InputError("--log-bytes " + logBytes + ": expected a size such as 512KiB, 8MiB or 1GiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toUpperCase(Locale.ROOT);
        long bytes = switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
        if (bytes <= 0) {
            throw new InputError("--log-bytes " + logBytes + ": must be more than 0");
        }
        return bytes;
    }
}
