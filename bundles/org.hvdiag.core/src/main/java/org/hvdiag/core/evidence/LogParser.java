package org.hvdiag.core.evidence;

import java.time.OffsetDateTime;

/**
 * Turns one log file's lines into events. A parser lives for one file, so it may keep state (the
 * start time relative timestamps count from, the device a "Disconnecting device 0x..." refers to).
 */
public interface LogParser {

    /** What a line was: its time (null for a line without one) and its event (null for most lines). */
    record Parsed(OffsetDateTime time, EventKind kind) {
    }

    /**
     * How many bytes at the start of the file the parser needs even when the read starts later
     * (VBox.log's absolute start time is on its first line); 0 for none.
     */
    default int headerBytes() {
        return 0;
    }

    /** Each whole line of the header, before any {@link #parse}. */
    default void header(String line) {
    }

    /** Reads one line; null when it has neither a time nor an event. */
    Parsed parse(String line);
}
