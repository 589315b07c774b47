package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.core.model.Inventory;

/**
 * Writes an audit report in one format, as UTF-8. Writers keep no state between calls, so one
 * instance serves the CLI and every workbench export. {@code write} flushes {@code out} but leaves
 * it open, because the caller may be writing to standard output.
 */
public interface ReportWriter {

    /** The name users choose the format by, as in {@code --format json}. */
    String format();

    void write(AuditReport report, OutputStream out) throws IOException;

    /**
     * The report beside what the audit read: formats that also list the fleet (the xlsx workbook's VMs,
     * USB and Hosts sheets) use {@code inventories}; the others write the findings alone.
     */
    default void write(AuditReport report, List<Inventory> inventories, OutputStream out) throws IOException {
        write(report, out);
    }

    /** True for a format that is not text (a zip file), which a terminal should never be sent. */
    default boolean binary() {
        return false;
    }
}
