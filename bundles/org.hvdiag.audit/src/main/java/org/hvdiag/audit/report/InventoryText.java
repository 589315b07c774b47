package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/** The inventory for a terminal: per target its hosts, then per VM one line of facts and its USB tree. */
public final class InventoryText implements InventoryWriter {

    @Override
    public String format() {
        return "text";
    }

    @Override
    public void write(List<Inventory> inventories, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (Inventory inv : inventories) {
            w.println(TerminalText.of(inv.target()) + ": " + inv.hosts().size() + " host(s), " + inv.vms().size()
                    + " VM(s)" + (inv.errors().isEmpty() ? "" : ", " + inv.errors().size() + " unreadable"));
            for (Host h : inv.hosts()) {
                w.println("  host " + TerminalText.of(h.name()) + " [" + h.id() + "]  " + h.kind().displayName()
                        + (h.productVersion().isEmpty() ? "" : " " + h.productVersion())
                        + "  cores " + unknown(h.cpuCores()) + ", threads " + unknown(h.cpuThreads())
                        + ", memory " + unknown(h.memoryMiB()) + " MiB, newest hardware "
                        + (h.newestHardwareVersion() == null ? "?" : h.newestHardwareVersion())
                        + (h.extensionPacks().isEmpty() ? "" : ", extension packs " + String.join(", ", h.extensionPacks())));
            }
            for (Vm vm : inv.vms()) {
                w.println("  " + TerminalText.of(vm.name()) + "  " + vm.powerState() + ", "
                        + (vm.hardwareVersion() == null ? "hardware ?" : vm.hardwareVersion()) + ", " + vm.firmware()
                        + ", " + TerminalText.of(vm.guestOs().displayName()) + ", " + unknown(vm.vcpus()) + " vCPU, "
                        + unknown(vm.memoryMiB()) + " MiB" + (vm.cpuHotAdd() ? ", CPU hot-add" : "")
                        + (vm.memoryHotAdd() ? ", memory hot-add" : "") + ", tools " + vm.toolsState()
                        + (vm.toolsVersion().isEmpty() ? "" : " " + vm.toolsVersion()));
                w.println("      " + TerminalText.of(vm.id()));
                for (UsbController c : vm.usbControllers()) {
                    w.println("      USB controller " + c.type().label() + " [" + c.id() + "]"
                            + (c.autoConnectDevices() ? " autoconnect" : ""));
                }
                for (UsbDevice d : vm.usbDevices()) {
                    w.println("      USB device " + TerminalText.of(d.name().isEmpty() ? d.id() : d.name()) + " " + d.vidPid()
                            + " " + d.speed().name() + (d.controllerId().isEmpty() ? "" : " on " + d.controllerId())
                            + (d.autoConnect() ? " autoconnect" : ""));
                }
                for (UsbFilter f : vm.usbFilters()) {
                    w.println("      USB autoconnect rule " + TerminalText.of(f.id())
                            + (f.matchesAnyDevice() ? " (any device)" : " " + TerminalText.of(f.pattern()))
                            + (f.active() ? "" : " inactive"));
                }
            }
            for (ObjectError e : inv.errors()) {
                w.println("  could not read " + TerminalText.of(e.toString()));
            }
        }
        w.flush();
    }

    private static String unknown(long n) {
        return n < 0 ? "?" : Long.toString(n);
    }
}
