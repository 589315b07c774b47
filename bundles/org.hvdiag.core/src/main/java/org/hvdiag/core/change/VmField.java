package org.hvdiag.core.change;

import java.util.function.Function;

import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * The VM values that plans check and that journals and previews show as before/after, each read
 * into one canonical string so that a stale plan is detected by plain comparison.
 */
public enum VmField {
    HARDWARE_VERSION("hardware version", vm -> String.valueOf(vm.hardwareVersion())),
    USB_CONTROLLERS("USB controllers", vm -> join(vm.usbControllers().stream()
            .map(c -> c.type() + (c.autoConnectDevices() ? "+autoconnect" : "")).sorted().toList())),
    USB_DEVICES("USB devices", vm -> join(vm.usbDevices().stream()
            .map(UsbDevice::id).sorted().toList())),
    USB_FILTERS("USB autoconnect rules", vm -> join(vm.usbFilters().stream()
            .map(UsbFilter::id).sorted().toList())),
    VCPUS("vCPUs", vm -> String.valueOf(vm.vcpus())),
    MEMORY_MIB("memory (MiB)", vm -> String.valueOf(vm.memoryMiB())),
    CPU_HOT_ADD("CPU hot-add", vm -> String.valueOf(vm.cpuHotAdd())),
    MEMORY_HOT_ADD("memory hot-add", vm -> String.valueOf(vm.memoryHotAdd())),
    DEVICE_HOTPLUG("device hot-plug", vm -> String.valueOf(vm.deviceHotplug())),
    TOOLS_UPGRADE_POLICY("tools upgrade policy", Vm::toolsUpgradePolicy),
    POWER_OFF_BEHAVIOUR("power-off behaviour", vm -> vm.powerOffBehaviour().name()),
    // Hyper-V's own settings; "" for a VM of another hypervisor, so journals of those stay as they were.
    DYNAMIC_MEMORY("dynamic memory", vm -> hyperv(vm, h -> String.valueOf(h.dynamicMemory().enabled()))),
    MEMORY_MINIMUM_MIB("minimum memory (MiB)", vm -> hyperv(vm, h -> String.valueOf(h.dynamicMemory().minimumMiB()))),
    MEMORY_MAXIMUM_MIB("maximum memory (MiB)", vm -> hyperv(vm, h -> String.valueOf(h.dynamicMemory().maximumMiB()))),
    MEMORY_BUFFER_PERCENT("memory buffer (%)", vm -> hyperv(vm, h -> String.valueOf(h.dynamicMemory().bufferPercent()))),
    NESTED_VIRTUALIZATION("nested virtualization", vm -> hyperv(vm, h -> String.valueOf(h.nestedVirtualization()))),
    INTEGRATION_SERVICES("integration services", vm -> hyperv(vm, h -> join(h.integrationServices().stream()
            .map(s -> s.name() + "=" + (s.enabled() ? "on" : "off")).sorted().toList()))),
    SECURE_BOOT_TEMPLATE("Secure Boot template", vm -> hyperv(vm, HypervSettings::secureBootTemplate));

    private final String label;
    private final Function<Vm, String> reader;

    VmField(String label, Function<Vm, String> reader) {
        this.label = label;
        this.reader = reader;
    }

    public String label() {
        return label;
    }

    public String read(Vm vm) {
        return reader.apply(vm);
    }

    private static String hyperv(Vm vm, Function<HypervSettings, String> reader) {
        return vm.hyperv() == null ? "" : reader.apply(vm.hyperv());
    }

    private static String join(java.util.List<String> parts) {
        return String.join(",", parts);
    }
}
