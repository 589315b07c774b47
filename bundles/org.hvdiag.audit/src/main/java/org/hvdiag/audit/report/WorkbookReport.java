package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.dhatim.fastexcel.Workbook;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;

/**
 * The workbook admins pass around, as RVTools exports are: sheets Findings, VMs, USB (controllers,
 * devices and autoconnect rules) and Hosts, each with its header frozen and filter buttons on, and a
 * sheet "Not read" when some objects could not be read. Numbers are numbers (vCPUs, MiB, counts),
 * true/false are booleans, times are dates (UTC), and everything else is text that a spreadsheet
 * never runs as a formula (see {@link WorkbookSheet}). The VMs, USB and Hosts columns are the
 * {@code hvdiag inventory --format csv} tables' own; Hosts adds when each target was read (once per
 * host, not per VM: a date format on every VM and USB row cost a third of the workbook's time).
 * <p>
 * Written with fastexcel as a stream: memory stays bounded by {@link WorkbookSheet#ROWS_HELD} rows per
 * sheet, besides the report and inventories the caller already holds.
 */
public final class WorkbookReport implements ReportWriter {
    static final List<String> FINDING_COLUMNS = List.of("severity", "ruleId", "target", "hostId", "hostName", "vmId",
            "vmName", "message", "fixable", "evidence");
    static final List<String> EVENT_COLUMNS = List.of("events", "lastEventUtc");
    static final String READ_AT = "readAtUtc";

    @Override
    public String format() {
        return "xlsx";
    }

    @Override
    public boolean binary() {
        return true;
    }

    /** The findings alone: the fleet sheets are there with their headers but no rows. */
    @Override
    public void write(AuditReport report, OutputStream out) throws IOException {
        write(report, List.of(), out);
    }

    @Override
    public void write(AuditReport report, List<Inventory> inventories, OutputStream out) throws IOException {
        // "hvdiag" is the application Excel shows under the file's properties.
        Workbook workbook = new Workbook(out, "hvdiag", null);
        findings(workbook, report);
        inventory(workbook, "VMs", InventoryRows.Table.VMS, inventories, false);
        inventory(workbook, "USB", InventoryRows.Table.USB, inventories, false);
        inventory(workbook, "Hosts", InventoryRows.Table.HOSTS, inventories, true);
        if (!report.errors().isEmpty()) {
            WorkbookSheet sheet = new WorkbookSheet(workbook, "Not read", List.of("object", "location", "message"));
            for (ObjectError e : report.errors()) {
                sheet.row(e.object(), e.location(), e.message());
            }
            sheet.finish();
        }
        // Ends the zip but leaves out open: the caller owns it.
        workbook.finish();
        out.flush();
    }

    private static void findings(Workbook workbook, AuditReport report) throws IOException {
        boolean events = report.hasEvidence();
        WorkbookSheet sheet = new WorkbookSheet(workbook, "Findings", events ? concat(FINDING_COLUMNS, EVENT_COLUMNS)
                : FINDING_COLUMNS);
        for (Finding f : report.findings()) {
            Object[] cells = {f.severity().label(), f.ruleId(), f.target(), f.hostId(), report.hostName(f), f.vmId(),
                    f.vmName(), f.message(), f.fixable(), CsvReport.evidence(f.evidence())};
            if (events) {
                cells = concat(cells, (long) f.events().size(), lastEvent(f));
            }
            sheet.row(cells);
        }
        sheet.finish();
    }

    private static void inventory(Workbook workbook, String name, InventoryRows.Table table, List<Inventory> inventories,
            boolean readAt) throws IOException {
        WorkbookSheet sheet = new WorkbookSheet(workbook, name, readAt ? concat(table.columns, List.of(READ_AT)) : table.columns);
        InventoryRows.write(table, inventories, (from, cells) -> sheet.row(readAt ? concat(cells, from.readAt()) : cells));
        sheet.finish();
    }

    private static Instant lastEvent(Finding f) {
        Instant last = null;
        for (VmEvent e : f.events()) {
            if (last == null || e.instant().isAfter(last)) {
                last = e.instant();
            }
        }
        return last;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
