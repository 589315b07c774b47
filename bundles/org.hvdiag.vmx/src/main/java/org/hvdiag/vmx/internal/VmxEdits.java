package org.hvdiag.vmx.internal;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * Each {@link ConfigChange} as edits to .vmx keys, and the check that it holds in the file as re-read.
 * Java 17 has no pattern switch over the sealed set, hence the instanceof chains.
 */
final class VmxEdits {
    private static final String TRUE = "TRUE";
    private static final String FALSE = "FALSE";

    private VmxEdits() {
    }

    /**
     * Makes the change in the file's lines (not yet on disk).
     *
     * @throws IllegalArgumentException when a .vmx cannot express the change; the message says why
     */
    static void apply(ConfigChange c, VmxFile f, Vm current) {
        if (c instanceof ConfigChange.AddUsbController) {
            UsbControllerType type = ((ConfigChange.AddUsbController) c).type();
            switch (type) {
                case XHCI -> f.set(UsbSettings.XHCI + ".present", TRUE);
                // VMware's EHCI controller works only beside its UHCI companion; the UI adds both.
                case EHCI -> {
                    f.set(UsbSettings.UHCI + ".present", TRUE);
                    f.set(UsbSettings.EHCI + ".present", TRUE);
                }
                case UHCI -> f.set(UsbSettings.UHCI + ".present", TRUE);
                default -> throw new IllegalArgumentException("VMware has no " + type.label() + " controller");
            }
        } else if (c instanceof ConfigChange.RemoveUsbController) {
            String id = ((ConfigChange.RemoveUsbController) c).controllerId();
            if (id.equalsIgnoreCase(UsbSettings.UHCI)) {
                // Without UHCI the EHCI companion cannot work, so it goes too.
                f.set(UsbSettings.UHCI + ".present", FALSE);
                f.set(UsbSettings.EHCI + ".present", FALSE);
            } else if (id.equalsIgnoreCase(UsbSettings.EHCI)) {
                f.set(UsbSettings.EHCI + ".present", FALSE);
            } else if (id.equalsIgnoreCase(UsbSettings.XHCI)) {
                f.set(UsbSettings.XHCI + ".present", FALSE);
            } else {
                throw new IllegalArgumentException("no USB controller '" + id + "' in a .vmx (expected usb, ehci or usb_xhci)");
            }
        } else if (c instanceof ConfigChange.RemoveUsbDevice) {
            f.removeStartingWith(devicePrefix(((ConfigChange.RemoveUsbDevice) c).deviceId()));
        } else if (c instanceof ConfigChange.RemoveUsbFilter) {
            disableFilter(((ConfigChange.RemoveUsbFilter) c).filterId(), f);
        } else if (c instanceof ConfigChange.SetAutoConnect) {
            ConfigChange.SetAutoConnect s = (ConfigChange.SetAutoConnect) c;
            if (!s.enabled()) {
                disableFilter(s.objectId(), f);
            } else if (s.objectId().equalsIgnoreCase(UsbSettings.GENERIC_AUTOCONNECT)) {
                f.set(UsbSettings.GENERIC_AUTOCONNECT, TRUE);
            } else if (!(UsbSettings.autoConnectIndex(s.objectId()) >= 0 && f.has(s.objectId()))) {
                throw new IllegalArgumentException("cannot turn on autoconnect for '" + s.objectId() + "' in a .vmx "
                        + "(only usb.generic.autoconnect and existing usb.autoConnect.deviceN rules)");
            }
        } else if (c instanceof ConfigChange.UpgradeHardwareVersion) {
            HardwareVersion to = ((ConfigChange.UpgradeHardwareVersion) c).to();
            if (to.family() != HardwareVersion.Family.VMX) {
                throw new IllegalArgumentException(to + " is not a VMware hardware version");
            }
            HardwareVersion now = current.hardwareVersion();
            if (now != null && now.family() == to.family() && now.compareTo(to) > 0) {
                throw new IllegalArgumentException("the VM has " + now + " already; " + to + " would be a downgrade");
            }
            f.set("virtualHW.version", String.valueOf(to.major()));
        } else if (c instanceof ConfigChange.SetCpuHotAdd) {
            f.set("vcpu.hotadd", flag(((ConfigChange.SetCpuHotAdd) c).enabled()));
        } else if (c instanceof ConfigChange.SetMemoryHotAdd) {
            f.set("mem.hotadd", flag(((ConfigChange.SetMemoryHotAdd) c).enabled()));
        } else if (c instanceof ConfigChange.SetVcpus) {
            f.set("numvcpus", String.valueOf(((ConfigChange.SetVcpus) c).count()));
        } else if (c instanceof ConfigChange.SetMemory) {
            f.set("memsize", String.valueOf(((ConfigChange.SetMemory) c).mebibytes()));
        } else if (c instanceof ConfigChange.SetAdvancedSetting) {
            ConfigChange.SetAdvancedSetting a = (ConfigChange.SetAdvancedSetting) c;
            if (a.key().equalsIgnoreCase(".encoding")) {
                // Changing it would make every non-ASCII byte of the file mean something else.
                throw new IllegalArgumentException("hvdiag does not change .encoding");
            }
            if (a.value() == null) {
                f.remove(a.key());
            } else {
                f.set(a.key(), a.value());
            }
        } else {
            throw new IllegalArgumentException("unknown change: " + c.describe());
        }
    }

    /** Null when the change holds in the re-read file and VM; otherwise what does not hold. */
    static String unmet(ConfigChange c, Vm vm, VmxFile f) {
        if (c instanceof ConfigChange.AddUsbController) {
            UsbControllerType type = ((ConfigChange.AddUsbController) c).type();
            boolean holds = vm.hasController(type) && (type != UsbControllerType.EHCI || vm.hasController(UsbControllerType.UHCI));
            return holds ? null : "the " + type.label() + " controller is not present (" + presence(f) + ")";
        }
        if (c instanceof ConfigChange.RemoveUsbController) {
            String id = ((ConfigChange.RemoveUsbController) c).controllerId();
            boolean holds;
            if (id.equalsIgnoreCase(UsbSettings.UHCI)) {
                holds = !vm.hasController(UsbControllerType.UHCI) && !vm.hasController(UsbControllerType.EHCI);
            } else if (id.equalsIgnoreCase(UsbSettings.EHCI)) {
                holds = !vm.hasController(UsbControllerType.EHCI);
            } else {
                holds = !vm.hasController(UsbControllerType.XHCI);
            }
            return holds ? null : "controller " + id + " is still present (" + presence(f) + ")";
        }
        if (c instanceof ConfigChange.RemoveUsbDevice) {
            String id = ((ConfigChange.RemoveUsbDevice) c).deviceId();
            for (UsbDevice d : vm.usbDevices()) {
                if (d.id().equalsIgnoreCase(id)) {
                    return "USB device " + id + " is still present";
                }
            }
            return f.keysStartingWith(devicePrefix(id)).isEmpty() ? null : "keys " + id + ".* are still in the file";
        }
        if (c instanceof ConfigChange.RemoveUsbFilter) {
            String id = ((ConfigChange.RemoveUsbFilter) c).filterId();
            return activeFilter(vm, id) ? "autoconnect rule " + id + " is still active" : null;
        }
        if (c instanceof ConfigChange.SetAutoConnect) {
            ConfigChange.SetAutoConnect s = (ConfigChange.SetAutoConnect) c;
            return activeFilter(vm, s.objectId()) == s.enabled() ? null
                    : "autoconnect rule " + s.objectId() + " is " + (s.enabled() ? "not active" : "still active");
        }
        if (c instanceof ConfigChange.UpgradeHardwareVersion) {
            HardwareVersion to = ((ConfigChange.UpgradeHardwareVersion) c).to();
            return to.equals(vm.hardwareVersion()) ? null : "hardware version is " + vm.hardwareVersion() + ", not " + to;
        }
        if (c instanceof ConfigChange.SetCpuHotAdd) {
            boolean want = ((ConfigChange.SetCpuHotAdd) c).enabled();
            return vm.cpuHotAdd() == want ? null : "vcpu.hotadd is '" + f.value("vcpu.hotadd") + "'";
        }
        if (c instanceof ConfigChange.SetMemoryHotAdd) {
            boolean want = ((ConfigChange.SetMemoryHotAdd) c).enabled();
            return vm.memoryHotAdd() == want ? null : "mem.hotadd is '" + f.value("mem.hotadd") + "'";
        }
        if (c instanceof ConfigChange.SetVcpus) {
            int want = ((ConfigChange.SetVcpus) c).count();
            return vm.vcpus() == want ? null : "numvcpus is " + vm.vcpus() + ", not " + want;
        }
        if (c instanceof ConfigChange.SetMemory) {
            long want = ((ConfigChange.SetMemory) c).mebibytes();
            return vm.memoryMiB() == want ? null : "memsize is " + vm.memoryMiB() + ", not " + want;
        }
        if (c instanceof ConfigChange.SetAdvancedSetting) {
            ConfigChange.SetAdvancedSetting a = (ConfigChange.SetAdvancedSetting) c;
            String now = f.value(a.key());
            if (a.value() == null) {
                return now == null ? null : a.key() + " is still set";
            }
            return a.value().equals(now) ? null : a.key() + (now == null ? " is not set" : " has another value");
        }
        return "unknown change: " + c.describe();
    }

    /** "usb_xhci:4" becomes "usb_xhci:4."; anything but controller:slot is refused, lest "usb" remove all usb.* keys. */
    private static String devicePrefix(String deviceId) {
        int colon = deviceId.indexOf(':');
        String controller = colon < 0 ? "" : deviceId.substring(0, colon);
        boolean slot = colon >= 0 && colon + 1 < deviceId.length();
        for (int i = colon + 1; slot && i < deviceId.length(); i++) {
            slot = Character.isDigit(deviceId.charAt(i));
        }
        if (!slot || !(controller.equalsIgnoreCase(UsbSettings.UHCI) || controller.equalsIgnoreCase(UsbSettings.EHCI)
                || controller.equalsIgnoreCase(UsbSettings.XHCI))) {
            throw new IllegalArgumentException("'" + deviceId + "' is not a .vmx USB device (expected e.g. usb_xhci:4)");
        }
        return deviceId + ".";
    }

    private static void disableFilter(String id, VmxFile f) {
        if (id.equalsIgnoreCase(UsbSettings.GENERIC_AUTOCONNECT)) {
            f.set(UsbSettings.GENERIC_AUTOCONNECT, FALSE);
        } else if (UsbSettings.autoConnectIndex(id) >= 0) {
            f.remove(id);
        } else {
            throw new IllegalArgumentException("'" + id + "' is not a .vmx autoconnect rule (expected "
                    + "usb.generic.autoconnect or usb.autoConnect.deviceN)");
        }
    }

    private static boolean activeFilter(Vm vm, String id) {
        for (UsbFilter u : vm.usbFilters()) {
            if (u.active() && u.id().equalsIgnoreCase(id)) {
                return true;
            }
        }
        return false;
    }

    private static String presence(VmxFile f) {
        return "usb.present=" + f.value("usb.present") + ", ehci.present=" + f.value("ehci.present")
                + ", usb_xhci.present=" + f.value("usb_xhci.present");
    }

    private static String flag(boolean on) {
        return on ? TRUE : FALSE;
    }
}
