package org.hvdiag.libvirt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.libvirt.LibvirtIds;
import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * A domain's facts in hvdiag's model. Choices where libvirt's words do not fit one to one:
 * <ul>
 * <li>USB filters are the redirfilter rules with allow='yes': they let devices through to the
 * guest. allow='no' rules capture nothing and are kept as raw evidence only. A rule is active only
 * when the domain has a USB redirection channel to use it.</li>
 * <li>Power-off behaviour stays DEFAULT: on_poweroff says what libvirt does after the guest has
 * powered itself off (destroy, restart, preserve), not how the host stops a running guest, which
 * is the question the model's field answers. on_poweroff/on_reboot/on_crash stay raw.</li>
 * <li>Tools: without an org.qemu.guest_agent.0 channel no agent can reach libvirt whatever runs in
 * the guest (NOT_INSTALLED); with one the XML does not say whether an agent answers (UNKNOWN).</li>
 * <li>Memory is the current memory (currentMemory, else memory); memory hot-add is maxMemory with
 * slots; CPU hot-add is fewer current than maximum vCPUs.</li>
 * </ul>
 */
public final class DomainMapping {

    private DomainMapping() {
    }

    /** A domain read from a file: running when the XML says so, its devices attached at every start. */
    public static Vm toVm(DomainFacts d, String hostId) {
        return toVm(d, null, d.running() ? PowerState.POWERED_ON : PowerState.UNKNOWN, hostId);
    }

    /**
     * A domain read from libvirt: {@code d} is what it has now (the live XML of a running domain),
     * {@code config} its persistent definition, or null when that is the same XML. A device in the
     * definition is attached at every start (autoconnect in the model's sense); one only in the live
     * XML was hot-plugged and goes with the next shutdown. A USB redirection channel connects no device
     * by itself (a SPICE client does), so it is never automatic.
     */
    public static Vm toVm(DomainFacts d, DomainFacts config, PowerState state, String hostId) {
        Map<String, String> raw = new LinkedHashMap<>();
        put(raw, "domain@type", d.type());
        put(raw, "os/type@machine", d.machine());
        put(raw, "os/type@arch", d.arch());
        put(raw, "os@firmware", d.firmware());
        put(raw, "vcpu", d.vcpuMaximum() < 0 ? "" : Integer.toString(d.vcpuMaximum()));
        put(raw, "vcpu@current", d.vcpuCurrent() < 0 ? "" : Integer.toString(d.vcpuCurrent()));
        put(raw, "memory", d.memoryBytes() < 0 ? "" : d.memoryBytes() + " bytes");
        put(raw, "currentMemory", d.currentMemoryBytes() < 0 ? "" : d.currentMemoryBytes() + " bytes");
        put(raw, "maxMemory@slots", d.maxMemorySlots() < 0 ? "" : Integer.toString(d.maxMemorySlots()));
        put(raw, "on_poweroff", d.onPoweroff());
        put(raw, "on_reboot", d.onReboot());
        put(raw, "on_crash", d.onCrash());
        put(raw, "metadata/libosinfo/os@id", d.libosinfoId());
        raw.put(LibvirtIds.GUEST_AGENT_CHANNEL, d.guestAgentChannel() ? "present" : "absent");

        List<UsbController> controllers = new ArrayList<>();
        Map<Integer, String> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < d.controllers().size(); i++) {
            DomainFacts.Controller c = d.controllers().get(i);
            String key = "controller[usb," + i + "]";
            raw.put(key + "@model", c.implied() ? "(none written; machine default " + (c.model().isEmpty() ? "unknown" : c.model()) + ")"
                    : c.model());
            raw.put(key + "@index", Integer.toString(c.index()));
            put(raw, key + "@ports", c.ports() < 0 ? "" : Integer.toString(c.ports()));
            put(raw, key + "/master@startport", c.startPort() < 0 ? "" : Integer.toString(c.startPort()));
            UsbControllerType type = typeOf(c.model());
            if (type == null) {
                continue; // model none, or a default not known offline: no controller the guest sees
            }
            String id = "usb" + c.index() + "-" + c.model();
            controllers.add(new UsbController(id, type, c.model(), false));
            byIndex.putIfAbsent(c.index(), id);
        }

        List<UsbDevice> devices = new ArrayList<>();
        for (int i = 0; i < d.hostDevices().size(); i++) {
            DomainFacts.HostDevice h = d.hostDevices().get(i);
            String key = LibvirtIds.hostDevice(i);
            put(raw, key + "/source/vendor@id", h.vendor());
            put(raw, key + "/source/product@id", h.product());
            put(raw, key + "/source/address@bus", h.bus());
            put(raw, key + "/source/address@device", h.device());
            raw.put(key + LibvirtIds.STARTUP_POLICY, h.startupPolicy().isEmpty() ? LibvirtIds.POLICY_ABSENT : h.startupPolicy());
            String controller = byIndex.getOrDefault(h.guestBus() < 0 ? 0 : h.guestBus(), "");
            String name = h.vendor().isEmpty() ? "host USB device at bus " + h.bus() + " device " + h.device()
                    : "host USB device " + h.vendor() + ":" + h.product();
            boolean persistent = config == null || config.hostDevices().stream().anyMatch(c -> sameHostDevice(c, h));
            devices.add(new UsbDevice(key, hex(h.vendor()), hex(h.product()), name, null, controller, persistent));
        }
        for (DomainFacts.UsbDisk disk : d.usbDisks()) {
            String key = LibvirtIds.usbDisk(disk.target());
            raw.put(key + "/target@bus", "usb");
            put(raw, key + "/source", disk.source());
            boolean persistent = config == null || config.usbDisks().stream().anyMatch(c -> c.target().equals(disk.target()));
            devices.add(new UsbDevice(key, -1, -1, "USB disk " + disk.target() + (disk.source().isEmpty() ? "" : " (" + disk.source() + ")"),
                    null, "", persistent));
        }
        for (int i = 0; i < d.redirections().size(); i++) {
            String key = LibvirtIds.redirection(i);
            raw.put(key + LibvirtIds.TYPE, d.redirections().get(i));
            devices.add(new UsbDevice(key, -1, -1, "USB redirection channel (" + d.redirections().get(i) + ")", null, "", false));
        }
        List<UsbFilter> filters = new ArrayList<>();
        for (int i = 0; i < d.redirRules().size(); i++) {
            DomainFacts.RedirRule r = d.redirRules().get(i);
            String key = LibvirtIds.redirRule(i);
            String written = written(r);
            raw.put(key, written);
            if (!r.allow()) {
                continue;
            }
            String other = (DomainFacts.RedirRule.any(r.usbClass()) ? "" : "class=" + r.usbClass())
                    + (DomainFacts.RedirRule.any(r.version()) ? "" : (DomainFacts.RedirRule.any(r.usbClass()) ? "" : " ") + "version=" + r.version());
            filters.add(new UsbFilter(key, written, hex(r.vendor()), hex(r.product()), "", written,
                    !d.redirections().isEmpty(), other));
        }

        return Vm.builder(d.id(), HypervisorKind.LIBVIRT)
                .name(d.name())
                .hostId(hostId)
                .source(d.source())
                .powerState(state)
                .hardwareVersion(MachineType.version(d.machine()))
                .firmware(switch (d.firmware()) {
                    case "efi" -> Firmware.EFI;
                    case "bios" -> Firmware.BIOS;
                    default -> Firmware.UNKNOWN;
                })
                .guestOs(LibosinfoIds.guestOs(d.libosinfoId()))
                .vcpus(d.vcpuCurrent())
                .memoryMiB(memoryMiB(d))
                .cpuHotAdd(d.vcpuCurrent() >= 0 && d.vcpuCurrent() < d.vcpuMaximum())
                .memoryHotAdd(d.maxMemorySlots() > 0)
                .usbControllers(controllers)
                .usbDevices(devices)
                .usbFilters(filters)
                .toolsState(d.guestAgentChannel() ? ToolsState.UNKNOWN : ToolsState.NOT_INSTALLED)
                .powerOffBehaviour(PowerOffBehaviour.DEFAULT)
                .rawProperties(raw)
                .build();
    }

    /** The same host device: by vendor and product when the XML names them, else by host address. */
    static boolean sameHostDevice(DomainFacts.HostDevice a, DomainFacts.HostDevice b) {
        return a.vendor().equals(b.vendor()) && a.product().equals(b.product()) && a.bus().equals(b.bus())
                && a.device().equals(b.device());
    }

    /** The host controller interface each libvirt USB model emulates; null for none or unknown. */
    static UsbControllerType typeOf(String model) {
        return switch (model) {
            case "piix3-uhci", "piix4-uhci", "vt82c686b-uhci", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3" -> UsbControllerType.UHCI;
            case "pci-ohci" -> UsbControllerType.OHCI;
            case "ehci", "ich9-ehci1" -> UsbControllerType.EHCI;
            case "nec-xhci", "qemu-xhci" -> UsbControllerType.XHCI;
            default -> null;
        };
    }

    private static long memoryMiB(DomainFacts d) {
        long bytes = d.currentMemoryBytes() >= 0 ? d.currentMemoryBytes() : d.memoryBytes();
        return bytes < 0 ? -1 : bytes >> 20;
    }

    /** "0x046d" (libvirt writes hex) to 0x046d; "-1", absent or unreadable is -1 (any). */
    static int hex(String v) {
        String t = v.strip();
        if (t.isEmpty() || t.equals("-1")) {
            return -1;
        }
        try {
            return t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String written(DomainFacts.RedirRule r) {
        StringBuilder s = new StringBuilder("usbdev");
        if (!r.usbClass().isEmpty()) s.append(" class=").append(r.usbClass());
        if (!r.vendor().isEmpty()) s.append(" vendor=").append(r.vendor());
        if (!r.product().isEmpty()) s.append(" product=").append(r.product());
        if (!r.version().isEmpty()) s.append(" version=").append(r.version());
        return s.append(" allow=").append(r.allow() ? "yes" : "no").toString();
    }

    private static void put(Map<String, String> raw, String key, String value) {
        if (!value.isEmpty()) {
            raw.put(key, value);
        }
    }
}
