package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import org.hvdiag.audit.FleetEvidence;

/** Writes the events read from VMs' logs (`hvdiag events`) in one format. */
public interface TimelineWriter {

    String format();

    void write(FleetEvidence evidence, OutputStream out) throws IOException;

    static List<String> formats() {
        return List.of("text", "json", "csv");
    }

    static TimelineWriter forName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> new TimelineText();
            case "json" -> new TimelineJson();
            case "csv" -> new TimelineCsv();
            default -> throw new IllegalArgumentException("unknown format '" + name + "': expected one of "
                    + String.join(", ", formats()));
        };
    }
}
