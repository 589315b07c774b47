package org.hvdiag.ui.internal.details;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hvdiag.audit.Finding;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;

/**
 * One event of a VM's timeline as the Details view shows it: what it is marked as (a USB event, a
 * crash, a hard power-off), and whether it is one of the events the selected finding rests on or
 * falls within that finding's time span. Marks and span are words as well as colours, so a screen
 * reader and a colour-blind admin get them too.
 */
public record TimelineRow(VmEvent event, Mark mark, Place place) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS XXX", Locale.ROOT);

    /** What the row is marked as, by the word shown in the Mark column. */
    public enum Mark {
        NONE(""), USB("USB"), CRASH("crash"), HARD_POWER_OFF("power-off");

        private final String word;

        Mark(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public boolean isStop() {
            return this == CRASH || this == HARD_POWER_OFF;
        }

        static Mark of(EventKind kind) {
            if (kind.isUsb()) {
                return USB;
            }
            if (kind instanceof EventKind.HardPowerOff) {
                return HARD_POWER_OFF;
            }
            return kind.isAbnormalStop() ? CRASH : NONE;
        }
    }

    /** Where the row stands to the selected finding, by the word shown in the Finding column. */
    public enum Place {
        OUTSIDE(""), IN_SPAN("in span"), EVENT("event");

        private final String word;

        Place(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public boolean highlighted() {
            return this != OUTSIDE;
        }
    }

    /** The VM's events oldest first, each marked and placed against {@code finding} (null: none selected). */
    public static List<TimelineRow> of(VmEvidence evidence, Finding finding) {
        Optional<FindingSpan> span = finding == null ? Optional.empty() : FindingSpan.of(finding);
        List<TimelineRow> rows = new ArrayList<>(evidence.events().size());
        for (VmEvent e : evidence.events()) {
            Place place = Place.OUTSIDE;
            if (finding != null && finding.events().contains(e)) {
                place = Place.EVENT;
            } else if (span.isPresent() && span.get().contains(e.instant())) {
                place = Place.IN_SPAN;
            }
            rows.add(new TimelineRow(e, Mark.of(e.kind()), place));
        }
        return rows;
    }

    /** The index of the first highlighted row, or -1: where the table scrolls to. */
    public static int firstHighlighted(List<TimelineRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).place().highlighted()) {
                return i;
            }
        }
        return -1;
    }

    /** The cells of the Time, Mark, Finding, Kind, Description and Source columns. */
    public String[] cells() {
        return new String[] {TIME.format(event.time()), mark.word(), place.word(), event.kind().label(), event.kind().describe(),
                shortSource(event.source())};
    }

    /** "vmware.log:35": the VM's folder is known, and the raw line below the table gives the full path. */
    static String shortSource(EventSource source) {
        String location = source.location();
        int cut = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
        return new EventSource(location.substring(cut + 1), source.line(), source.byteOffset()).toString();
    }
}
