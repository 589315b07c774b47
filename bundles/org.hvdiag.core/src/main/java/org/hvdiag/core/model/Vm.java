package org.hvdiag.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One VM's configuration as a connector read it. {@code id} is stable across reads (a moref, a
 * UUID, a file path). {@code rawProperties} keeps the hypervisor's own keys and values so findings
 * can show the evidence as the admin would find it in the hypervisor's tools.
 * Counts that the hypervisor did not report are -1; booleans that it did not report are false.
 * {@code hyperv} holds what only Hyper-V has (generation, dynamic memory, integration services,
 * Secure Boot template); it is null for every other hypervisor.
 */
public record Vm(
        String id,
        String name,
        String hostId,
        String source,
        HypervisorKind kind,
        PowerState powerState,
        HardwareVersion hardwareVersion,
        Firmware firmware,
        GuestOs guestOs,
        int vcpus,
        long memoryMiB,
        boolean cpuHotAdd,
        boolean memoryHotAdd,
        boolean deviceHotplug,
        List<UsbController> usbControllers,
        List<UsbDevice> usbDevices,
        List<UsbFilter> usbFilters,
        ToolsState toolsState,
        String toolsVersion,
        String toolsUpgradePolicy,
        int snapshotCount,
        PowerOffBehaviour powerOffBehaviour,
        Map<String, String> rawProperties,
        HypervSettings hyperv) {

    public Vm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        name = name == null ? id : name;
        hostId = hostId == null ? "" : hostId;
        source = source == null ? "" : source;
        powerState = powerState == null ? PowerState.UNKNOWN : powerState;
        firmware = firmware == null ? Firmware.UNKNOWN : firmware;
        guestOs = guestOs == null ? GuestOs.UNKNOWN : guestOs;
        usbControllers = List.copyOf(usbControllers == null ? List.of() : usbControllers);
        usbDevices = List.copyOf(usbDevices == null ? List.of() : usbDevices);
        usbFilters = List.copyOf(usbFilters == null ? List.of() : usbFilters);
        toolsState = toolsState == null ? ToolsState.UNKNOWN : toolsState;
        toolsVersion = toolsVersion == null ? "" : toolsVersion;
        toolsUpgradePolicy = toolsUpgradePolicy == null ? "" : toolsUpgradePolicy;
        powerOffBehaviour = powerOffBehaviour == null ? PowerOffBehaviour.DEFAULT : powerOffBehaviour;
        rawProperties = rawProperties == null ? Map.of() : Map.copyOf(rawProperties);
    }

    public boolean hasController(UsbControllerType type) {
        for (UsbController c : usbControllers) {
            if (c.type() == type) {
                return true;
            }
        }
        return false;
    }

    public int controllerCount(UsbControllerType type) {
        int n = 0;
        for (UsbController c : usbControllers) {
            if (c.type() == type) {
                n++;
            }
        }
        return n;
    }

    /** The raw value of a hypervisor key, or "" when the VM does not set it. */
    public String raw(String key) {
        String v = rawProperties.get(key);
        return v == null ? "" : v;
    }

    public static Builder builder(String id, HypervisorKind kind) {
        return new Builder(id, kind);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, kind);
        b.name = name; b.hostId = hostId; b.source = source; b.powerState = powerState;
        b.hardwareVersion = hardwareVersion; b.firmware = firmware; b.guestOs = guestOs; b.vcpus = vcpus;
        b.memoryMiB = memoryMiB; b.cpuHotAdd = cpuHotAdd; b.memoryHotAdd = memoryHotAdd;
        b.deviceHotplug = deviceHotplug; b.usbControllers = usbControllers; b.usbDevices = usbDevices;
        b.usbFilters = usbFilters; b.toolsState = toolsState; b.toolsVersion = toolsVersion;
        b.toolsUpgradePolicy = toolsUpgradePolicy; b.snapshotCount = snapshotCount;
        b.powerOffBehaviour = powerOffBehaviour; b.rawProperties = rawProperties; b.hyperv = hyperv;
        return b;
    }

    /** Connectors fill a VM field by field as they read it; tests build near misses from a base VM. */
    public static final class Builder {
        private final String id;
        private final HypervisorKind kind;
        private String name;
        private String hostId;
        private String source;
        private PowerState powerState;
        private HardwareVersion hardwareVersion;
        private Firmware firmware;
        private GuestOs guestOs;
        private int vcpus = -1;
        private long memoryMiB = -1;
        private boolean cpuHotAdd;
        private boolean memoryHotAdd;
        private boolean deviceHotplug;
        private List<UsbController> usbControllers = List.of();
        private List<UsbDevice> usbDevices = List.of();
        private List<UsbFilter> usbFilters = List.of();
        private ToolsState toolsState;
        private String toolsVersion;
        private String toolsUpgradePolicy;
        private int snapshotCount = -1;
        private PowerOffBehaviour powerOffBehaviour;
        private Map<String, String> rawProperties = Map.of();
        private HypervSettings hyperv;

        private Builder(String id, HypervisorKind kind) {
            this.id = id;
            this.kind = kind;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder hostId(String v) { hostId = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder powerState(PowerState v) { powerState = v; return this; }
        public Builder hardwareVersion(HardwareVersion v) { hardwareVersion = v; return this; }
        public Builder firmware(Firmware v) { firmware = v; return this; }
        public Builder guestOs(GuestOs v) { guestOs = v; return this; }
        public Builder vcpus(int v) { vcpus = v; return this; }
        public Builder memoryMiB(long v) { memoryMiB = v; return this; }
        public Builder cpuHotAdd(boolean v) { cpuHotAdd = v; return this; }
        public Builder memoryHotAdd(boolean v) { memoryHotAdd = v; return this; }
        public Builder deviceHotplug(boolean v) { deviceHotplug = v; return this; }
        public Builder usbControllers(List<UsbController> v) { usbControllers = v; return this; }
        public Builder usbDevices(List<UsbDevice> v) { usbDevices = v; return this; }
        public Builder usbFilters(List<UsbFilter> v) { usbFilters = v; return this; }
        public Builder toolsState(ToolsState v) { toolsState = v; return this; }
        public Builder toolsVersion(String v) { toolsVersion = v; return this; }
        public Builder toolsUpgradePolicy(String v) { toolsUpgradePolicy = v; return this; }
        public Builder snapshotCount(int v) { snapshotCount = v; return this; }
        public Builder powerOffBehaviour(PowerOffBehaviour v) { powerOffBehaviour = v; return this; }
        public Builder rawProperties(Map<String, String> v) { rawProperties = v; return this; }
        public Builder hyperv(HypervSettings v) { hyperv = v; return this; }

        public Vm build() {
            return new Vm(id, name, hostId, source, kind, powerState, hardwareVersion, firmware, guestOs, vcpus,
                    memoryMiB, cpuHotAdd, memoryHotAdd, deviceHotplug, usbControllers, usbDevices, usbFilters,
                    toolsState, toolsVersion, toolsUpgradePolicy, snapshotCount, powerOffBehaviour, rawProperties, hyperv);
        }
    }
}
