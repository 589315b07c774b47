package org.hvdiag.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.hvdiag.core.model.Inventory;

/**
 * One inventory table as RFC 4180 CSV, spreadsheet-safe like the audit CSV: {@code vms} (one row
 * per VM, as RVTools' vInfo), {@code usb} (one row per USB controller, device or autoconnect rule,
 * as vUSB) or {@code hosts}. Unknown numbers are empty cells.
 */
public final class InventoryCsv implements InventoryWriter {
    private static final String CRLF = "\r\n";

    /** The tables one CSV file can hold. */
    public enum Table {
        VMS(InventoryRows.Table.VMS),
        USB(InventoryRows.Table.USB),
        HOSTS(InventoryRows.Table.HOSTS);

        private final InventoryRows.Table rows;

        Table(InventoryRows.Table rows) {
            this.rows = rows;
        }

        public static Table parse(String name) {
            String n = name == null ? "vms" : name.trim().toLowerCase(Locale.ROOT);
            for (Table t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(n)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown inventory table '" + name + "' (valid: vms, usb, hosts)");
        }
    }

    private final Table table;

    public InventoryCsv(Table table) {
        this.table = table;
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public void write(List<Inventory> inventories, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(String.join(",", table.rows.columns));
        w.write(CRLF);
        InventoryRows.write(table.rows, inventories, (from, cells) -> row(w, cells));
        w.flush();
    }

    /** Unknown counts (null) are empty fields; booleans read true or false. */
    private static void row(Writer w, Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            CsvReport.field(w, cells[i] == null ? "" : cells[i].toString());
        }
        w.write(CRLF);
    }
}
