package org.hvdiag.esxi.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vmware.vim25.ArrayOfOptionValue;
import com.vmware.vim25.ArrayOfVirtualDevice;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDeviceDeviceBackingInfo;
import com.vmware.vim25.VirtualUSB;
import com.vmware.vim25.VirtualUSBController;
import com.vmware.vim25.VirtualUSBXHCIController;

import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;
import org.hvdiag.core.vmware.VmwareAutoconnect;
import org.hvdiag.core.vmware.VmwareGuestOs;

/**
 * One VM's properties as RetrievePropertiesEx returned them, mapped into the model.
 * <p>
 * vSphere's one VirtualUSBController is UHCI with an optional EHCI companion ({@code ehciEnabled});
 * the model, like the .vmx connector, shows them as two controllers, ids "KEY" and "KEY/ehci", and a
 * change to either is made on the one device. Advanced settings keep their .vmx names
 * (extraConfig is the .vmx file's keys), and tools upgrade policy and power-off type appear under
 * theirs ({@code tools.upgrade.policy}, {@code powerType.powerOff}) so evidence reads the same for
 * both VMware products.
 */
final class VmMapper {
    static final String EHCI_SUFFIX = "/ehci";
    static final String TOOLS_POLICY_KEY = "tools.upgrade.policy";
    static final String POWER_OFF_KEY = "powerType.powerOff";
    static final String HOTPLUG_KEY = "devices.hotplug";
    static final String GENERIC_AUTOCONNECT = VmwareAutoconnect.GENERIC_KEY;
    static final String AUTOCONNECT_PREFIX = VmwareAutoconnect.RULE_PREFIX;

    /** A VM and, alongside, the raw devices the push needs to build its specs. */
    record Mapped(Vm vm, List<VirtualDevice> usbDevices) { }

    private VmMapper() {
    }

    static Mapped map(ObjectContent oc, String source, List<ObjectError> errors) {
        return map(ObjectProperties.of(oc), source, errors);
    }

    static Mapped map(ObjectProperties o, String source, List<ObjectError> errors) {
        Map<String, Object> p = o.values();
        for (ObjectProperties.Unreadable m : o.unreadable()) {
            errors.add(new ObjectError(o.id(), m.path(), "the server could not read it ("
                    + (m.fault() == null ? "no reason given" : m.fault()) + ")"));
        }
        Vm.Builder b = Vm.builder(o.id(), HypervisorKind.VSPHERE).source(source);
        b.name(text(p.get(VmProperties.NAME)));
        Object host = p.get(VmProperties.HOST);
        if (host instanceof ManagedObjectReference) {
            b.hostId(((ManagedObjectReference) host).getVal());
        }
        b.powerState(powerState(text(p.get(VmProperties.POWER_STATE))));
        String version = text(p.get(VmProperties.VERSION));
        if (!version.isEmpty()) {
            try {
                b.hardwareVersion(HardwareVersion.parseVmx(version));
            } catch (IllegalArgumentException e) {
                errors.add(new ObjectError(o.id(), VmProperties.VERSION, e.getMessage()));
            }
        }
        String firmware = text(p.get(VmProperties.FIRMWARE));
        b.firmware("efi".equals(firmware) ? Firmware.EFI : "bios".equals(firmware) ? Firmware.BIOS : Firmware.UNKNOWN);
        b.guestOs(VmwareGuestOs.of(text(p.get(VmProperties.GUEST_ID))));
        b.vcpus((int) number(p.get(VmProperties.CPUS), -1));
        b.memoryMiB(number(p.get(VmProperties.MEMORY), -1));
        b.cpuHotAdd(Boolean.TRUE.equals(p.get(VmProperties.CPU_HOT_ADD)));
        b.memoryHotAdd(Boolean.TRUE.equals(p.get(VmProperties.MEMORY_HOT_ADD)));

        Map<String, String> raw = extraConfig(p.get(VmProperties.EXTRA_CONFIG));
        String policy = text(p.get(VmProperties.TOOLS_POLICY));
        b.toolsUpgradePolicy(policy);
        if (!policy.isEmpty()) {
            raw.put(TOOLS_POLICY_KEY, policy);
        }
        String powerOff = text(p.get(VmProperties.POWER_OFF_TYPE));
        if (!powerOff.isEmpty()) {
            raw.put(POWER_OFF_KEY, powerOff);
        }
        b.powerOffBehaviour("hard".equals(powerOff) ? PowerOffBehaviour.HARD
                : "soft".equals(powerOff) ? PowerOffBehaviour.SOFT : PowerOffBehaviour.DEFAULT);
        // Hot-plug of NICs and disks is on unless devices.hotplug says FALSE (KB 1012225).
        b.deviceHotplug(!"false".equalsIgnoreCase(raw.getOrDefault(HOTPLUG_KEY, "")));
        b.usbFilters(filters(raw));
        b.rawProperties(raw);
        b.toolsState(toolsState(text(p.get(VmProperties.TOOLS_STATUS))));
        b.toolsVersion(text(p.get(VmProperties.TOOLS_VERSION)));

        List<UsbController> controllers = new ArrayList<>();
        List<UsbDevice> devices = new ArrayList<>();
        List<VirtualDevice> usbRaw = new ArrayList<>();
        for (VirtualDevice d : devices(p.get(VmProperties.DEVICES))) {
            if (d instanceof VirtualUSBController) {
                VirtualUSBController c = (VirtualUSBController) d;
                String id = String.valueOf(c.getKey());
                boolean auto = Boolean.TRUE.equals(c.getAutoConnectDevices());
                controllers.add(new UsbController(id, UsbControllerType.UHCI, "VirtualUSBController", auto));
                if (Boolean.TRUE.equals(c.getEhciEnabled())) {
                    controllers.add(new UsbController(id + EHCI_SUFFIX, UsbControllerType.EHCI, "VirtualUSBController (ehciEnabled)", auto));
                }
                usbRaw.add(d);
            } else if (d instanceof VirtualUSBXHCIController) {
                VirtualUSBXHCIController c = (VirtualUSBXHCIController) d;
                controllers.add(new UsbController(String.valueOf(c.getKey()), UsbControllerType.XHCI,
                        "VirtualUSBXHCIController", Boolean.TRUE.equals(c.getAutoConnectDevices())));
                usbRaw.add(d);
            } else if (d instanceof VirtualUSB) {
                devices.add(usbDevice((VirtualUSB) d));
                usbRaw.add(d);
            }
        }
        b.usbControllers(controllers);
        b.usbDevices(devices);
        return new Mapped(b.build(), usbRaw);
    }

    private static UsbDevice usbDevice(VirtualUSB u) {
        String name = u.getDeviceInfo() == null ? "" : u.getDeviceInfo().getLabel();
        String controller = u.getControllerKey() == null ? "" : String.valueOf(u.getControllerKey());
        boolean auto = u.getConnectable() != null && u.getConnectable().isStartConnected();
        return new UsbDevice(String.valueOf(u.getKey()), u.getVendor() == null ? -1 : u.getVendor() & 0xffff,
                u.getProduct() == null ? -1 : u.getProduct() & 0xffff, name, speed(u.getSpeed()), controller, auto);
    }

    static String backingName(VirtualDevice d) {
        VirtualDeviceBackingInfo b = d.getBacking();
        return b instanceof VirtualDeviceDeviceBackingInfo ? ((VirtualDeviceDeviceBackingInfo) b).getDeviceName() : "";
    }

    /** The fastest speed the device reports: superSpeed and above are USB 3. */
    static UsbSpeed speed(String[] speeds) {
        UsbSpeed best = UsbSpeed.UNKNOWN;
        if (speeds == null) {
            return best;
        }
        for (String s : speeds) {
            UsbSpeed v = s.startsWith("superSpeed") ? UsbSpeed.USB_3_X
                    : "high".equals(s) ? UsbSpeed.USB_2_0
                    : "full".equals(s) || "low".equals(s) ? UsbSpeed.USB_1_1 : UsbSpeed.UNKNOWN;
            if (best == UsbSpeed.UNKNOWN || (v != UsbSpeed.UNKNOWN && v.ordinal() > best.ordinal())) {
                best = v;
            }
        }
        return best;
    }

    /** The same autoconnect keys a .vmx file holds (extraConfig is that file's key list). */
    static List<UsbFilter> filters(Map<String, String> raw) {
        List<String> keys = new ArrayList<>();
        for (String k : raw.keySet()) {
            if (VmwareAutoconnect.index(k) >= 0) {
                keys.add(k);
            }
        }
        keys.sort(Comparator.comparingLong(VmwareAutoconnect::index));
        List<UsbFilter> out = new ArrayList<>();
        for (String k : keys) {
            // A blank entry connects no device and parses to no rule.
            VmwareAutoconnect.parse(k, raw.get(k)).ifPresent(rule -> out.add(rule.filter()));
        }
        String generic = raw.getOrDefault(GENERIC_AUTOCONNECT, "");
        if ("true".equalsIgnoreCase(generic)) {
            out.add(VmwareAutoconnect.generic(generic));
        }
        return out;
    }

    /** extraConfig as a map; a key given twice keeps its last value, and an empty value means unset. */
    static Map<String, String> extraConfig(Object val) {
        OptionValue[] options = val instanceof ArrayOfOptionValue ? ((ArrayOfOptionValue) val).getOptionValue()
                : val instanceof OptionValue[] ? (OptionValue[]) val : null;
        Map<String, String> out = new LinkedHashMap<>();
        if (options != null) {
            for (OptionValue o : options) {
                String v = o.getValue() == null ? "" : String.valueOf(o.getValue());
                if (v.isEmpty()) {
                    out.remove(o.getKey());
                } else {
                    out.put(o.getKey(), v);
                }
            }
        }
        return out;
    }

    static VirtualDevice[] devices(Object val) {
        if (val instanceof ArrayOfVirtualDevice) {
            VirtualDevice[] d = ((ArrayOfVirtualDevice) val).getVirtualDevice();
            return d == null ? new VirtualDevice[0] : d;
        }
        return val instanceof VirtualDevice[] ? (VirtualDevice[]) val : new VirtualDevice[0];
    }

    static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    static long number(Object v, long fallback) {
        return v instanceof Number ? ((Number) v).longValue() : fallback;
    }

    static PowerState powerState(String s) {
        switch (s) {
            case "poweredOn": return PowerState.POWERED_ON;
            case "poweredOff": return PowerState.POWERED_OFF;
            case "suspended": return PowerState.SUSPENDED;
            default: return PowerState.UNKNOWN;
        }
    }

    static ToolsState toolsState(String s) {
        switch (s) {
            case "toolsOk": return ToolsState.OK;
            case "toolsOld": return ToolsState.OUT_OF_DATE;
            case "toolsNotRunning": return ToolsState.NOT_RUNNING;
            case "toolsNotInstalled": return ToolsState.NOT_INSTALLED;
            default: return ToolsState.UNKNOWN;
        }
    }
}
