package org.hvdiag.ui.internal.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.evidence.EvidenceWindow;

class EvidencePeriodTest {
    private static final Instant NOW = Instant.parse("2026-12-02T01:55:00Z");

    @Test
    void theLastSevenDaysUpToNowAndEightMibPerVmByDefault() {
        EvidenceWindow w = new EvidencePeriod(EvidencePeriod.DEFAULT_DAYS, null).window(NOW);
        assertEquals(Instant.parse("2026-11-25T01:55:00Z"), w.from());
        assertEquals(NOW, w.to());
        assertEquals(8L << 20, w.maxBytesPerVm());
    }

    @Test
    void aFixedEndKeepsDatedLogsInsideTheWindowWhateverTheClockSays() {
        Instant until = EvidencePeriod.parseUntil("2026-12-01T00:00:00Z");
        EvidenceWindow w = new EvidencePeriod(30, until).window(NOW);
        assertEquals(until, w.to());
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), w.from());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), EvidencePeriod.parseUntil(" 2026-12-01T00:00:00+01:00 "));
    }

    @Test
    void zeroDaysReadsNoLogs() {
        EvidencePeriod off = new EvidencePeriod(0, null);
        assertNull(off.window(NOW));
        assertEquals("Logs: not read", EvidencePeriod.label(0));
        assertEquals("Logs: last day", EvidencePeriod.label(1));
        assertEquals("Logs: last 7 days", EvidencePeriod.label(7));
    }

    @Test
    void aMalformedEndSaysWhatItExpects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvidencePeriod.parseUntil("1 Dec 2026"));
        assertTrue(e.getMessage().contains("'1 Dec 2026'") && e.getMessage().contains("2026-12-01T00:00:00Z"), e.getMessage());
        assertNull(EvidencePeriod.parseUntil("  "));
        assertThrows(IllegalArgumentException.class, () -> new EvidencePeriod(-1, null));
    }
}
