package org.hvdiag.ui.internal.findings;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.report.ReportFormats;

/** Writes the findings shown with the CLI's own report writers, the format taken from the file name. */
public final class FindingsExport {
    public static final List<String> FORMATS = List.of("html", "csv", "json", "sarif");

    private FindingsExport() {
    }

    public static void write(AuditReport audited, List<Finding> shown, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (!FORMATS.contains(format)) {
            throw new IOException("cannot tell the format from " + file.getFileName() + ": name it .html, .csv, .json or .sarif");
        }
        AuditReport report = new AuditReport(audited.targets(), audited.rules(), shown, audited.errors(),
                audited.vmCount(), audited.hostCount(), audited.hostNames(), audited.evidence());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ReportFormats.forName(format).write(report, out);
        }
    }
}
