package org.hvdiag.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * One inventory table as RFC 4180 CSV, spreadsheet-safe like the audit CSV: {@code vms} (one row
 * per VM, as RVTools' vInfo), {@code usb} (one row per USB controller, device or autoconnect rule,
 * as vUSB) or {@code hosts}. Unknown numbers are empty cells.
 */
public final class InventoryCsv implements InventoryWriter {
    private static final String CRLF = "\r\n";

    /** The tables one CSV file can hold. */
    public enum Table {
        VMS("target,vmId,vmName,hostId,powerState,hardwareVersion,firmware,guestOs,guestFamily,vcpus,memoryMiB,"
                + "cpuHotAdd,memoryHotAdd,deviceHotplug,usbControllers,usbDevices,usbFilters,toolsState,toolsVersion,"
                + "toolsUpgradePolicy,snapshots,powerOffBehaviour"),
        USB("target,vmId,vmName,kind,id,type,name,vendorId,productId,speed,controllerId,port,pattern,autoConnectOrActive"),
        HOSTS("target,hostId,name,hypervisor,productVersion,cpuPackages,cpuCores,cpuThreads,memoryMiB,"
                + "newestHardwareVersion,extensionPacks");

        private final String header;

        Table(String header) {
            this.header = header;
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
        w.write(table.header);
        w.write(CRLF);
        for (Inventory inv : inventories) {
            switch (table) {
                case VMS -> {
                    for (Vm vm : inv.vms()) {
                        row(w, inv.target(), vm.id(), vm.name(), vm.hostId(), vm.powerState().name(), str(vm.hardwareVersion()),
                                vm.firmware().name(), vm.guestOs().id(), vm.guestOs().family().name(), num(vm.vcpus()),
                                num(vm.memoryMiB()), bool(vm.cpuHotAdd()), bool(vm.memoryHotAdd()), bool(vm.deviceHotplug()),
                                vm.usbControllers().stream().map(c -> c.type().name()).collect(Collectors.joining(" ")),
                                String.valueOf(vm.usbDevices().size()),
                                String.valueOf(vm.usbFilters().stream().filter(UsbFilter::active).count()),
                                vm.toolsState().name(), vm.toolsVersion(), vm.toolsUpgradePolicy(), num(vm.snapshotCount()),
                                vm.powerOffBehaviour().name());
                    }
                }
                case USB -> {
                    for (Vm vm : inv.vms()) {
                        for (UsbController c : vm.usbControllers()) {
                            row(w, inv.target(), vm.id(), vm.name(), "controller", c.id(), c.type().name(), c.model(), "", "", "",
                                    "", "", "", bool(c.autoConnectDevices()));
                        }
                        for (UsbDevice d : vm.usbDevices()) {
                            row(w, inv.target(), vm.id(), vm.name(), "device", d.id(), "", d.name(), hex(d.vendorId()),
                                    hex(d.productId()), d.speed().name(), d.controllerId(), "", "", bool(d.autoConnect()));
                        }
                        for (UsbFilter f : vm.usbFilters()) {
                            row(w, inv.target(), vm.id(), vm.name(), "filter", f.id(), "", f.name(), hex(f.vendorId()),
                                    hex(f.productId()), "", "", f.port(), f.pattern(), bool(f.active()));
                        }
                    }
                }
                case HOSTS -> {
                    for (Host h : inv.hosts()) {
                        row(w, inv.target(), h.id(), h.name(), KindNames.of(h.kind()), h.productVersion(), num(h.cpuPackages()),
                                num(h.cpuCores()), num(h.cpuThreads()), num(h.memoryMiB()), str(h.newestHardwareVersion()),
                                String.join(" ", h.extensionPacks()));
                    }
                }
            }
        }
        w.flush();
    }

    private static void row(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            CsvReport.field(w, fields[i]);
        }
        w.write(CRLF);
    }

    private static String num(long n) {
        return n < 0 ? "" : Long.toString(n);
    }

    private static String hex(int id) {
        return id < 0 ? "" : String.format("%04x", id);
    }

    private static String bool(boolean b) {
        return b ? "true" : "false";
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
