package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * The one translation of {@link MachineFacts} into the common model, shared by the .vbox reader and
 * the web service reader. The raw properties keep VirtualBox's own names and values, so a finding's
 * evidence reads as VBoxManage or the settings file would show it.
 */
public final class MachineMapping {

    /** Prefix of a device filter's id; the rest is its name, so the id survives other filters' removal. */
    public static final String FILTER_ID_PREFIX = "usbfilter:";

    private MachineMapping() {
    }

    public static Vm toVm(MachineFacts facts, String hostId) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("OSTypeId", facts.osTypeId());
        raw.put("CPUCount", count(facts.cpuCount()));
        raw.put("CPUHotPlugEnabled", Boolean.toString(facts.cpuHotPlug()));
        raw.put("memorySize", count(facts.memoryMiB()));
        raw.put("firmwareType", facts.firmware());
        raw.put("chipsetType", facts.chipset());
        raw.put("settingsVersion", facts.settingsVersion());
        raw.put("state", facts.state());
        raw.put("guestAdditionsVersion", facts.guestAdditionsVersion());
        List<UsbController> controllers = new ArrayList<>();
        for (MachineFacts.Controller c : facts.controllers()) {
            raw.put("USBController[" + c.name() + "].type", c.type());
            UsbControllerType type = controllerType(c.type());
            if (type != null) {
                controllers.add(new UsbController(c.name(), type, c.type(), false));
            }
        }
        List<UsbFilter> filters = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (MachineFacts.Filter f : facts.filters()) {
            int k = seen.merge(f.name(), 1, Integer::sum);
            filters.add(filter(f, k));
            filterRaw(raw, f);
        }
        raw.values().removeIf(String::isEmpty);
        return Vm.builder(facts.id(), HypervisorKind.VIRTUALBOX)
                .name(facts.name())
                .hostId(hostId)
                .source(facts.source())
                .powerState(powerState(facts.state()))
                .hardwareVersion(settingsVersion(facts.settingsVersion()))
                .firmware(firmware(facts.firmware()))
                .guestOs(VboxOsTypes.of(facts.osTypeId()))
                .vcpus(facts.cpuCount())
                .memoryMiB(facts.memoryMiB())
                .cpuHotAdd(facts.cpuHotPlug())
                .usbControllers(controllers)
                .usbFilters(filters)
                .toolsVersion(facts.guestAdditionsVersion())
                .toolsState(toolsState(facts))
                .snapshotCount(facts.snapshotCount())
                .rawProperties(raw)
                .build();
    }

    /**
     * "usbfilter:NAME", and "usbfilter:NAME#k" for the k-th (k from 2) of several of one name: the
     * first keeps its plain id when a later namesake is removed, and a position would shift for all.
     */
    static String filterId(String name, int k) {
        return FILTER_ID_PREFIX + name + (k > 1 ? "#" + k : "");
    }

    private static UsbFilter filter(MachineFacts.Filter f, int k) {
        int vendor = exactId(f.vendorId());
        int product = exactId(f.productId());
        List<String> parts = new ArrayList<>();
        if (vendor < 0) {
            part(parts, "vendorId", f.vendorId());
        }
        if (product < 0) {
            part(parts, "productId", f.productId());
        }
        part(parts, "revision", f.revision());
        part(parts, "manufacturer", f.manufacturer());
        part(parts, "product", f.product());
        part(parts, "serialNumber", f.serialNumber());
        // What narrows the devices a filter takes; "remote" (local or remote devices only) and masked
        // interfaces do not: a filter with only those still captures the host's own keyboard.
        String narrowing = String.join(" ", parts);
        part(parts, "remote", f.remote());
        if (!f.maskedInterfaces().isEmpty() && !f.maskedInterfaces().equals("0")) {
            part(parts, "maskedInterfaces", f.maskedInterfaces());
        }
        return new UsbFilter(filterId(f.name(), k), f.name(), vendor, product, f.port(), String.join(" ", parts),
                f.active(), narrowing);
    }

    private static void part(List<String> parts, String key, String value) {
        if (!value.isEmpty()) {
            parts.add(key + "=\"" + value + "\"");
        }
    }

    private static void filterRaw(Map<String, String> raw, MachineFacts.Filter f) {
        String p = "USBDeviceFilter[" + f.position() + "].";
        raw.put(p + "name", f.name());
        raw.put(p + "active", Boolean.toString(f.active()));
        raw.put(p + "vendorId", f.vendorId());
        raw.put(p + "productId", f.productId());
        raw.put(p + "revision", f.revision());
        raw.put(p + "manufacturer", f.manufacturer());
        raw.put(p + "product", f.product());
        raw.put(p + "serialNumber", f.serialNumber());
        raw.put(p + "port", f.port());
        raw.put(p + "remote", f.remote());
        raw.put(p + "maskedInterfaces", f.maskedInterfaces());
    }

    /**
     * A filter field that names one id: "046d", "046D" or "0x046d" (VirtualBox reads ids as hex).
     * Ranges ("0000-00ff"), lists ("046d|046e") and anything else are -1: not one device's id.
     */
    static int exactId(String expression) {
        String v = expression.trim();
        if (v.startsWith("0x") || v.startsWith("0X")) {
            v = v.substring(2);
        }
        if (v.isEmpty() || v.length() > 4) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.digit(v.charAt(i), 16) < 0) {
                return -1;
            }
        }
        return Integer.parseInt(v, 16);
    }

    static UsbControllerType controllerType(String type) {
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "OHCI" -> UsbControllerType.OHCI;
            case "EHCI" -> UsbControllerType.EHCI;
            case "XHCI" -> UsbControllerType.XHCI;
            default -> null;
        };
    }

    /**
     * VirtualBox's MachineState. Saved states are suspended; the snapshot and setting-up states
     * are the VM off but busy, which is not "off" for a change that needs the VM off.
     */
    static PowerState powerState(String state) {
        return switch (state) {
            case "PoweredOff", "Aborted", "Teleported" -> PowerState.POWERED_OFF;
            case "Saved", "AbortedSaved" -> PowerState.SUSPENDED;
            case "Running", "Paused", "Stuck", "Teleporting", "LiveSnapshotting", "Starting", "Stopping", "Saving",
                    "Restoring", "TeleportingPausedVM", "TeleportingIn", "OnlineSnapshotting", "DeletingSnapshotOnline",
                    "DeletingSnapshotPaused" -> PowerState.POWERED_ON;
            default -> PowerState.UNKNOWN;
        };
    }

    /** "1.16-linux" is settings format 1.16; "" (the web service does not say) is null. */
    static HardwareVersion settingsVersion(String text) {
        int dash = text.indexOf('-');
        String v = dash < 0 ? text : text.substring(0, dash);
        int dot = v.indexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            return new HardwareVersion(HardwareVersion.Family.VIRTUALBOX, Integer.parseInt(v.substring(0, dot)),
                    Integer.parseInt(v.substring(dot + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** BIOS, or one of EFI, EFI32, EFI64, EFIDUAL. */
    static Firmware firmware(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        if (t.equals("BIOS")) {
            return Firmware.BIOS;
        }
        return t.startsWith("EFI") ? Firmware.EFI : Firmware.UNKNOWN;
    }

    /**
     * Only a running guest reports its Additions: running with a version is OK, running without one
     * has none running. A file, or a VM that is off, says nothing of the state, only the last version.
     */
    private static ToolsState toolsState(MachineFacts facts) {
        if (!facts.state().equals("Running")) {
            return ToolsState.UNKNOWN;
        }
        return facts.guestAdditionsVersion().isEmpty() ? ToolsState.NOT_RUNNING : ToolsState.OK;
    }

    private static String count(long n) {
        return n < 0 ? "" : Long.toString(n);
    }
}
