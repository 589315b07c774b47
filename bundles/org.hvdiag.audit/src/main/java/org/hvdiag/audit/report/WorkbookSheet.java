package org.hvdiag.audit.report;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One sheet of the workbook, written as it goes: a bold header row that stays in view (frozen) and
 * carries the filter buttons over every row written, then rows of typed cells. Only the last
 * {@link #ROWS_HELD} rows are in memory; the rest are already compressed into the output.
 * <p>
 * Text goes in as inline strings: never a formula, whatever it starts with ("=HYPERLINK(...)" is shown,
 * not run), and no shared-string table that would grow with every distinct VM name and message.
 */
final class WorkbookSheet {
    /** Rows kept before they are written out: what bounds the memory, whatever the fleet's size. */
    static final int ROWS_HELD = 1024;
    private static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final int WIDEST = 60;

    private final Worksheet sheet;
    private final int columns;
    private final int[] widths;
    private int row;
    private boolean flushed;

    WorkbookSheet(Workbook workbook, String name, List<String> header) {
        this.sheet = workbook.newWorksheet(name);
        this.columns = header.size();
        this.widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            sheet.inlineString(0, c, header.get(c));
            widths[c] = header.get(c).length();
        }
        sheet.range(0, 0, 0, columns - 1).style().bold().set();
        // Written with the sheet's first bytes, so set before anything is flushed.
        sheet.freezePane(0, 1);
        row = 1;
    }

    /**
     * One row: a String (empty: no cell), a Number, a Boolean, an Instant (a date, in UTC, since the
     * sheet has no time zone) or null (no cell).
     */
    void row(Object... cells) throws IOException {
        if (cells.length != columns) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns + " columns");
        }
        for (int c = 0; c < cells.length; c++) {
            Object v = cells[c];
            if (v instanceof String s) {
                if (!s.isEmpty()) {
                    sheet.inlineString(row, c, s);
                    measure(c, s.length());
                }
            } else if (v instanceof Number n) {
                sheet.value(row, c, n);
                measure(c, 8);
            } else if (v instanceof Boolean b) {
                sheet.value(row, c, b);
            } else if (v instanceof Instant t) {
                sheet.value(row, c, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
                sheet.style(row, c).format(DATE_FORMAT).set();
                measure(c, DATE_FORMAT.length());
            } else if (v != null) {
                throw new IllegalArgumentException("no cell type for " + v.getClass().getName());
            }
        }
        row++;
        if ((row % ROWS_HELD) == 0) {
            flush();
        }
    }

    /** Filter buttons over the header and every row, then the sheet's end. */
    void finish() throws IOException {
        sheet.setAutoFilter(0, 0, row - 1, columns - 1);
        flush();
        sheet.finish();
    }

    private void flush() throws IOException {
        if (!flushed) {
            // Column widths go before the rows in the file: sized by the first rows, as far as WIDEST.
            for (int c = 0; c < columns; c++) {
                sheet.width(c, Math.min(WIDEST, widths[c] + 2));
            }
            flushed = true;
        }
        sheet.flush();
    }

    private void measure(int column, int length) {
        if (!flushed && length > widths[column]) {
            widths[column] = length;
        }
    }
}
