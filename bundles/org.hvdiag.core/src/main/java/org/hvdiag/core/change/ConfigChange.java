package org.hvdiag.core.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.PowerOffBehaviour;
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

        R setAutomaticStopAction(SetAutomaticStopAction change);

        R setDynamicMemory(SetDynamicMemory change);

        R setNestedVirtualization(SetNestedVirtualization change);

        R setIntegrationService(SetIntegrationService change);

        R setSecureBootTemplate(SetSecureBootTemplate change);
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
        public String describe() { return "upgrade virtual hardware to " + to + " (one-way: cannot be undone)"; }
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

    // Hyper-V's own settings (Vm.hyperv). They are separate kinds rather than SetAdvancedSetting keys
    // because Hyper-V has no key/value store: each is one cmdlet parameter the connector maps.

    /**
     * What Hyper-V does with the VM when the host shuts down (Set-VM -AutomaticStopAction): HARD is
     * TurnOff, SOFT ShutDown, SAVE Save. It is the model's power-off behaviour, so the rule that
     * judges VMware's power-off button judges this too.
     */
    record SetAutomaticStopAction(PowerOffBehaviour action) implements ConfigChange {
        public SetAutomaticStopAction {
            Objects.requireNonNull(action);
            if (action == PowerOffBehaviour.DEFAULT) {
                throw new IllegalArgumentException("Hyper-V has no default automatic stop action to set: TurnOff, Save or ShutDown");
            }
        }
        public String describe() { return "set automatic stop action to " + hypervName(action); }
        public <R> R accept(Visitor<R> v) { return v.setAutomaticStopAction(this); }

        /** The value as Set-VM takes it. */
        public static String hypervName(PowerOffBehaviour action) {
            return switch (action) {
                case HARD -> "TurnOff";
                case SOFT -> "ShutDown";
                case SAVE -> "Save";
                case DEFAULT -> "(not set)";
            };
        }
    }

    /**
     * Dynamic memory on or off, with its minimum, maximum and buffer (Set-VMMemory); -1 leaves a value
     * as it is. The startup memory is {@link SetMemory}. Hyper-V takes a buffer of 5 to 2000 percent.
     */
    record SetDynamicMemory(boolean enabled, long minimumMiB, long maximumMiB, int bufferPercent) implements ConfigChange {
        public SetDynamicMemory {
            if (minimumMiB < -1 || maximumMiB < -1 || minimumMiB == 0 || maximumMiB == 0) {
                throw new IllegalArgumentException("dynamic memory minimum and maximum must be positive MiB or -1 (unchanged), were "
                        + minimumMiB + " and " + maximumMiB);
            }
            if (minimumMiB > 0 && maximumMiB > 0 && minimumMiB > maximumMiB) {
                throw new IllegalArgumentException("dynamic memory minimum " + minimumMiB + " MiB is above the maximum "
                        + maximumMiB + " MiB");
            }
            if (bufferPercent != -1 && (bufferPercent < 5 || bufferPercent > 2000)) {
                throw new IllegalArgumentException("memory buffer must be 5 to 2000 percent (Set-VMMemory), was " + bufferPercent);
            }
        }

        /** Dynamic memory off, the VM keeping its startup memory as fixed memory. */
        public static SetDynamicMemory off() {
            return new SetDynamicMemory(false, -1, -1, -1);
        }

        public String describe() {
            List<String> values = new ArrayList<>();
            if (minimumMiB > 0) values.add("minimum " + minimumMiB + " MiB");
            if (maximumMiB > 0) values.add("maximum " + maximumMiB + " MiB");
            if (bufferPercent > 0) values.add("buffer " + bufferPercent + "%");
            return "turn dynamic memory " + (enabled ? "on" : "off")
                    + (values.isEmpty() ? "" : " (" + String.join(", ", values) + ")");
        }
        public <R> R accept(Visitor<R> v) { return v.setDynamicMemory(this); }
    }

    /** Exposes the processor's virtualization extensions to the guest (nested virtualization); Hyper-V needs the VM off. */
    record SetNestedVirtualization(boolean exposed) implements ConfigChange {
        public String describe() {
            return exposed ? "expose virtualization extensions to the guest (nested virtualization)"
                    : "stop exposing virtualization extensions to the guest (nested virtualization)";
        }
        public <R> R accept(Visitor<R> v) { return v.setNestedVirtualization(this); }
    }

    /** One integration service on or off, named as Get-VMIntegrationService prints it ("Shutdown"). */
    record SetIntegrationService(String name, boolean enabled) implements ConfigChange {
        public SetIntegrationService {
            Objects.requireNonNull(name);
            if (name.isBlank()) throw new IllegalArgumentException("integration service name is empty");
        }
        public String describe() { return (enabled ? "turn on" : "turn off") + " integration service " + name; }
        public <R> R accept(Visitor<R> v) { return v.setIntegrationService(this); }
    }

    /** The Secure Boot template of a generation 2 VM (Set-VMFirmware -SecureBootTemplate). */
    record SetSecureBootTemplate(String template) implements ConfigChange {
        public SetSecureBootTemplate {
            Objects.requireNonNull(template);
            if (template.isBlank()) throw new IllegalArgumentException("Secure Boot template is empty");
        }
        public String describe() { return "set Secure Boot template to " + template; }
        public <R> R accept(Visitor<R> v) { return v.setSecureBootTemplate(this); }
    }
}
