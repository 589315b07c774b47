package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;

import org.hvdiag.audit.AuditReport;

/**
 * Writes an audit report in one format, as UTF-8. Writers keep no state between calls, so one
 * instance serves the CLI and every workbench export. {@code write} flushes {@code out} but leaves
 * it open, because the caller may be writing to standard output.
 */
public interface ReportWriter {

    /** The name users choose the format by, as in {@code --format json}. */
    String format();

    void write(AuditReport report, OutputStream out) throws IOException;
}
