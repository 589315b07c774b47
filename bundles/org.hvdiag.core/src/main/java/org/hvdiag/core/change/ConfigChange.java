package org.hvdiag.core.change;

import java.util.Objects;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.UsbControllerType;

/**
 * The closed set of configuration changes every connector maps onto its hypervisor. A connector
 * says through {@code Connector#support} which it can make and which need the VM powered off.
 * <p>
 * Code that gives each kind a meaning (the model's preview, a connector's edits, what it supports)
 * is a {@link Visitor}, never an instanceof chain: a new kind adds a visitor method, and every
 * connector that does not map it stops compiling instead of falling to a default.
 */
public sealed interface ConfigChange {

    /** One line an admin reads in a fix preview. */
    String describe();

    <R> R accept(Visitor<R> visitor);

    /** One method per kind of change; see the interface comment for why. */
    interface Visitor<R> {
        R addUsbController(AddUsbController change);

        R removeUsbController(RemoveUsbController change);

        R removeUsbDevice(RemoveUsbDevice change);

        R removeUsbFilter(RemoveUsbFilter change);

        R setAutoConnect(SetAutoConnect change);

        R upgradeHardwareVersion(UpgradeHardwareVersion change);

        R setCpuHotAdd(SetCpuHotAdd change);

        R setMemoryHotAdd(SetMemoryHotAdd change);

        R setVcpus(SetVcpus change);

        R setMemory(SetMemory change);

        R setAdvancedSetting(SetAdvancedSetting change);
    }

    record AddUsbController(UsbControllerType type) implements ConfigChange {
        public AddUsbController { Objects.requireNonNull(type); }
        public String describe() { return "add " + type.label() + " controller"; }
        public <R> R accept(Visitor<R> v) { return v.addUsbController(this); }
    }

    /** Removing a controller removes the devices on it first: the vSphere API demands that order. */
    record RemoveUsbController(String controllerId, UsbControllerType type) implements ConfigChange {
        public RemoveUsbController { Objects.requireNonNull(controllerId); Objects.requireNonNull(type); }
        public String describe() { return "remove " + type.label() + " controller " + controllerId; }
        public <R> R accept(Visitor<R> v) { return v.removeUsbController(this); }
    }

    record RemoveUsbDevice(String deviceId, String name) implements ConfigChange {
        public RemoveUsbDevice { Objects.requireNonNull(deviceId); name = name == null ? "" : name; }
        public String describe() { return "remove USB device " + (name.isEmpty() ? deviceId : name + " (" + deviceId + ")"); }
        public <R> R accept(Visitor<R> v) { return v.removeUsbDevice(this); }
    }

    record RemoveUsbFilter(String filterId, String name) implements ConfigChange {
        public RemoveUsbFilter { Objects.requireNonNull(filterId); name = name == null ? "" : name; }
        public String describe() { return "remove USB autoconnect rule " + (name.isEmpty() ? filterId : name + " (" + filterId + ")"); }
        public <R> R accept(Visitor<R> v) { return v.removeUsbFilter(this); }
    }

    /** Turns automatic connection on or off for a controller, device or filter, named by its id. */
    record SetAutoConnect(String objectId, boolean enabled) implements ConfigChange {
        public SetAutoConnect { Objects.requireNonNull(objectId); }
        public String describe() { return (enabled ? "enable" : "disable") + " autoconnect on " + objectId; }
        public <R> R accept(Visitor<R> v) { return v.setAutoConnect(this); }
    }

    /** One-way on every hypervisor: undo cannot take it back. */
    record UpgradeHardwareVersion(HardwareVersion to) implements ConfigChange {
        public UpgradeHardwareVersion { Objects.requireNonNull(to); }
        public String describe() { return "upgrade virtual hardware to " + to; }
        public <R> R accept(Visitor<R> v) { return v.upgradeHardwareVersion(this); }
    }

    record SetCpuHotAdd(boolean enabled) implements ConfigChange {
        public String describe() { return (enabled ? "enable" : "disable") + " CPU hot-add"; }
        public <R> R accept(Visitor<R> v) { return v.setCpuHotAdd(this); }
    }

    record SetMemoryHotAdd(boolean enabled) implements ConfigChange {
        public String describe() { return (enabled ? "enable" : "disable") + " memory hot-add"; }
        public <R> R accept(Visitor<R> v) { return v.setMemoryHotAdd(this); }
    }

    record SetVcpus(int count) implements ConfigChange {
        public SetVcpus {
            if (count < 1) throw new IllegalArgumentException("vCPU count must be at least 1, was " + count);
        }
        public String describe() { return "set vCPUs to " + count; }
        public <R> R accept(Visitor<R> v) { return v.setVcpus(this); }
    }

    record SetMemory(long mebibytes) implements ConfigChange {
        public SetMemory {
            if (mebibytes < 4) throw new IllegalArgumentException("memory must be at least 4 MiB, was " + mebibytes);
        }
        public String describe() { return "set memory to " + mebibytes + " MiB"; }
        public <R> R accept(Visitor<R> v) { return v.setMemory(this); }
    }

    /** Sets a hypervisor's own key (a .vmx key, an extraConfig option); a null value removes it. */
    record SetAdvancedSetting(String key, String value) implements ConfigChange {
        public SetAdvancedSetting { Objects.requireNonNull(key); }
        public String describe() { return value == null ? "remove setting " + key : "set " + key + " = \"" + value + "\""; }
        public <R> R accept(Visitor<R> v) { return v.setAdvancedSetting(this); }
    }
}
