package org.hvdiag.core.evidence;

import java.util.Objects;

/**
 * Where an event was read: a log file and its line, or an event channel and its record id.
 * {@code line} is -1 when the file was read from the end and line numbers are not known; then
 * {@code byteOffset} (where the line starts) still finds it.
 */
public record EventSource(String location, long line, long byteOffset) {
    public EventSource {
        Objects.requireNonNull(location, "location");
    }

    public static EventSource record(String channel, long recordId) {
        return new EventSource(channel, recordId, -1);
    }

    @Override
    public String toString() {
        if (line >= 0) {
            return location + ":" + line;
        }
        return byteOffset >= 0 ? location + " @" + byteOffset : location;
    }
}
