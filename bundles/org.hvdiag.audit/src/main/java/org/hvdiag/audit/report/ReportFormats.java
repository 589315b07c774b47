package org.hvdiag.audit.report;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The report formats hvdiag writes, looked up by the name a user types. */
public final class ReportFormats {
    private static final List<ReportWriter> WRITERS = List.of(
            new TextReport(),
            new JsonReport(Clock.systemUTC()),
            new CsvReport(),
            new HtmlReport(Clock.systemUTC()),
            new SarifReport(),
            new WorkbookReport());

    private ReportFormats() {
    }

    /** The writer for {@code name} (case does not matter); an unknown name is refused with the valid ones. */
    public static ReportWriter forName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ReportWriter w : WRITERS) {
            if (w.format().equals(wanted)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown report format '" + name + "' (valid: "
                + String.join(", ", names()) + ")");
    }

    /** Every format name, in the order help texts list them. */
    public static List<String> names() {
        return WRITERS.stream().map(ReportWriter::format).toList();
    }
}
