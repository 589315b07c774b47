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

    /**
     * Optional for a parser: a look at a line's bytes before a String is made of it, so that the
     * reader can pass over the many lines that cannot be events at the cost of reading their time.
     * The answer must agree with what {@link #parse} would do with the line: when in doubt, answer
     * {@link #PARSE}.
     */
    interface Quick {
        /** The line must go through {@link LogParser#parse}. */
        int PARSE = 0;
        /**
         * {@link LogParser#parse} would give the line's time, now in {@code time}, and no event, and
         * would change nothing the parser remembers.
         */
        int TIME_ONLY = 1;
        /** {@link LogParser#parse} would return null and change nothing the parser remembers. */
        int NOTHING = 2;

        /**
         * Looks at one line, {@code line[from, to)}, all of whose bytes are ASCII (below 0x80), so
         * that byte i is character i of the String {@link LogParser#parse} would get.
         */
        int scan(byte[] line, int from, int to, LineTime time);
    }

    /** A line's time as {@link Quick#scan} reports it: the same instant and offset parse's OffsetDateTime has. */
    final class LineTime {
        long epochSecond;
        int nano;
        int offsetSeconds;

        public void set(long epochSecond, int nano, int offsetSeconds) {
            this.epochSecond = epochSecond;
            this.nano = nano;
            this.offsetSeconds = offsetSeconds;
        }

        public long epochSecond() {
            return epochSecond;
        }

        public int nano() {
            return nano;
        }

        public int offsetSeconds() {
            return offsetSeconds;
        }
    }
}
