package org.hvdiag.esxi.internal;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/** Whether a change holds on a VM as re-read from the server: null when it does, else what is seen. */
final class ChangeCheck {
    private ChangeCheck() {
    }

    static String unmet(ConfigChange c, Vm after) {
        if (c instanceof ConfigChange.AddUsbController) {
            var type = ((ConfigChange.AddUsbController) c).type();
            return after.hasController(type) ? null : "no " + type.label() + " controller";
        }
        if (c instanceof ConfigChange.RemoveUsbController) {
            var r = (ConfigChange.RemoveUsbController) c;
            for (UsbController u : after.usbControllers()) {
                if (u.id().equals(r.controllerId()) && u.type() == r.type()) {
                    return "controller " + r.controllerId() + " is still there";
                }
            }
            return null;
        }
        if (c instanceof ConfigChange.RemoveUsbDevice) {
            String id = ((ConfigChange.RemoveUsbDevice) c).deviceId();
            for (UsbDevice d : after.usbDevices()) {
                if (d.id().equals(id)) {
                    return "device " + id + " is still there";
                }
            }
            return null;
        }
        if (c instanceof ConfigChange.RemoveUsbFilter) {
            String id = ((ConfigChange.RemoveUsbFilter) c).filterId();
            for (UsbFilter f : after.usbFilters()) {
                if (f.id().equals(id)) {
                    return "autoconnect rule " + id + " is still there";
                }
            }
            return null;
        }
        if (c instanceof ConfigChange.SetAutoConnect) {
            var s = (ConfigChange.SetAutoConnect) c;
            for (UsbController u : after.usbControllers()) {
                if (u.id().equals(s.objectId())) {
                    return u.autoConnectDevices() == s.enabled() ? null : "autoConnectDevices is " + u.autoConnectDevices();
                }
            }
            for (UsbDevice d : after.usbDevices()) {
                if (d.id().equals(s.objectId())) {
                    return d.autoConnect() == s.enabled() ? null : "startConnected is " + d.autoConnect();
                }
            }
            boolean present = after.usbFilters().stream().anyMatch(f -> f.id().equals(s.objectId()));
            return present == s.enabled() ? null : s.objectId() + (present ? " is still active" : " is not active");
        }
        if (c instanceof ConfigChange.SetCpuHotAdd) {
            boolean want = ((ConfigChange.SetCpuHotAdd) c).enabled();
            return after.cpuHotAdd() == want ? null : "cpuHotAddEnabled is " + after.cpuHotAdd();
        }
        if (c instanceof ConfigChange.SetMemoryHotAdd) {
            boolean want = ((ConfigChange.SetMemoryHotAdd) c).enabled();
            return after.memoryHotAdd() == want ? null : "memoryHotAddEnabled is " + after.memoryHotAdd();
        }
        if (c instanceof ConfigChange.SetVcpus) {
            int want = ((ConfigChange.SetVcpus) c).count();
            return after.vcpus() == want ? null : "numCPU is " + after.vcpus();
        }
        if (c instanceof ConfigChange.SetMemory) {
            long want = ((ConfigChange.SetMemory) c).mebibytes();
            return after.memoryMiB() == want ? null : "memoryMB is " + after.memoryMiB();
        }
        if (c instanceof ConfigChange.SetAdvancedSetting) {
            var s = (ConfigChange.SetAdvancedSetting) c;
            String want = s.value() == null ? "" : s.value();
            String seen = after.raw(s.key());
            return seen.equals(want) ? null : s.key() + " is '" + seen + "'";
        }
        if (c instanceof ConfigChange.UpgradeHardwareVersion) {
            var to = ((ConfigChange.UpgradeHardwareVersion) c).to();
            return to.equals(after.hardwareVersion()) ? null : "hardware version is " + after.hardwareVersion();
        }
        return "cannot check " + c.describe();
    }
}
