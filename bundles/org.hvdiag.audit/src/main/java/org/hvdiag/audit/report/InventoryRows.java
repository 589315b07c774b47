package org.hvdiag.audit.report;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * The inventory tables (VMs as RVTools' vInfo, USB as vUSB, hosts) as typed cells, so the CSV and the
 * workbook show the same columns from one mapping: a cell is a String, a Long (a count or size), a
 * Boolean, or null where the hypervisor did not say (a count of -1).
 */
final class InventoryRows {

    /** Receives one row: the inventory it came from and its cells, in the table's column order. */
    interface Sink {
        void row(Inventory from, Object... cells) throws IOException;
    }

    /** The tables, each with its column names. */
    enum Table {
        VMS("target", "vmId", "vmName", "hostId", "powerState", "hardwareVersion", "firmware", "guestOs", "guestFamily",
                "vcpus", "memoryMiB", "cpuHotAdd", "memoryHotAdd", "deviceHotplug", "usbControllers", "usbDevices",
                "usbFilters", "toolsState", "toolsVersion", "toolsUpgradePolicy", "snapshots", "powerOffBehaviour"),
        USB("target", "vmId", "vmName", "kind", "id", "type", "name", "vendorId", "productId", "speed", "controllerId",
                "port", "pattern", "autoConnectOrActive"),
        HOSTS("target", "hostId", "name", "hypervisor", "productVersion", "cpuPackages", "cpuCores", "cpuThreads",
                "memoryMiB", "newestHardwareVersion", "extensionPacks");

        final List<String> columns;

        Table(String... columns) {
            this.columns = List.of(columns);
        }
    }

    private InventoryRows() {
    }

    static void write(Table table, List<Inventory> inventories, Sink sink) throws IOException {
        for (Inventory inv : inventories) {
            switch (table) {
                case VMS -> {
                    for (Vm vm : inv.vms()) {
                        sink.row(inv, inv.target(), vm.id(), vm.name(), vm.hostId(), vm.powerState().name(),
                                str(vm.hardwareVersion()), vm.firmware().name(), vm.guestOs().id(),
                                vm.guestOs().family().name(), count(vm.vcpus()), count(vm.memoryMiB()), vm.cpuHotAdd(),
                                vm.memoryHotAdd(), vm.deviceHotplug(),
                                vm.usbControllers().stream().map(c -> c.type().name()).collect(Collectors.joining(" ")),
                                (long) vm.usbDevices().size(), vm.usbFilters().stream().filter(UsbFilter::active).count(),
                                vm.toolsState().name(), vm.toolsVersion(), vm.toolsUpgradePolicy(),
                                count(vm.snapshotCount()), vm.powerOffBehaviour().name());
                    }
                }
                case USB -> {
                    for (Vm vm : inv.vms()) {
                        for (UsbController c : vm.usbControllers()) {
                            sink.row(inv, inv.target(), vm.id(), vm.name(), "controller", c.id(), c.type().name(), c.model(),
                                    "", "", "", "", "", "", c.autoConnectDevices());
                        }
                        for (UsbDevice d : vm.usbDevices()) {
                            sink.row(inv, inv.target(), vm.id(), vm.name(), "device", d.id(), "", d.name(), hex(d.vendorId()),
                                    hex(d.productId()), d.speed().name(), d.controllerId(), "", "", d.autoConnect());
                        }
                        for (UsbFilter f : vm.usbFilters()) {
                            sink.row(inv, inv.target(), vm.id(), vm.name(), "filter", f.id(), "", f.name(), hex(f.vendorId()),
                                    hex(f.productId()), "", "", f.port(), f.pattern(), f.active());
                        }
                    }
                }
                case HOSTS -> {
                    for (Host h : inv.hosts()) {
                        sink.row(inv, inv.target(), h.id(), h.name(), KindNames.of(h.kind()), h.productVersion(),
                                count(h.cpuPackages()), count(h.cpuCores()), count(h.cpuThreads()), count(h.memoryMiB()),
                                str(h.newestHardwareVersion()), String.join(" ", h.extensionPacks()));
                    }
                }
            }
        }
    }

    /** A count the hypervisor did not report (-1) is an empty cell, not a number anyone could sum. */
    private static Long count(long n) {
        return n < 0 ? null : n;
    }

    /** USB ids stay text as admins read them (0781, not 781): lsusb and the hypervisors print them so. */
    private static String hex(int id) {
        return id < 0 ? "" : String.format("%04x", id);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
