package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.hvdiag.core.model.Inventory;

/**
 * What the connectors read, before any rule looks at it: the list admins check before they trust an
 * audit (RVTools' vInfo and vUSB tabs). One writer per format.
 */
public interface InventoryWriter {

    String format();

    void write(List<Inventory> inventories, OutputStream out) throws IOException;

    /** Every inventory format, in the order help texts list them. */
    static List<String> names() {
        return List.of("text", "json", "csv");
    }

    /**
     * The writer for {@code name}; {@code table} picks the CSV table (vms, usb or hosts), since one
     * CSV file holds one table.
     */
    static InventoryWriter forName(String name, String table) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "text" -> new InventoryText();
            case "json" -> new InventoryJson(Clock.systemUTC());
            case "csv" -> new InventoryCsv(InventoryCsv.Table.parse(table));
            default -> throw new IllegalArgumentException("unknown inventory format '" + name + "' (valid: "
                    + String.join(", ", names()) + ")");
        };
    }
}
