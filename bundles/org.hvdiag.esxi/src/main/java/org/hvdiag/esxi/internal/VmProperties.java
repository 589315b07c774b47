package org.hvdiag.esxi.internal;

import java.util.List;

/**
 * The property paths the model needs, and no more: whole objects would carry fields newer than the
 * API version yavijava speaks and cost far more to send and parse.
 */
final class VmProperties {
    static final String NAME = "name";
    static final String VERSION = "config.version";
    static final String GUEST_ID = "config.guestId";
    static final String FIRMWARE = "config.firmware";
    static final String CPUS = "config.hardware.numCPU";
    static final String MEMORY = "config.hardware.memoryMB";
    static final String DEVICES = "config.hardware.device";
    static final String CPU_HOT_ADD = "config.cpuHotAddEnabled";
    static final String MEMORY_HOT_ADD = "config.memoryHotAddEnabled";
    static final String EXTRA_CONFIG = "config.extraConfig";
    static final String TOOLS_POLICY = "config.tools.toolsUpgradePolicy";
    static final String POWER_OFF_TYPE = "config.defaultPowerOps.powerOffType";
    static final String TOOLS_STATUS = "guest.toolsStatus";
    static final String TOOLS_VERSION = "guest.toolsVersion";
    static final String POWER_STATE = "runtime.powerState";
    static final String HOST = "runtime.host";

    static final List<String> VM_PATHS = List.of(NAME, VERSION, GUEST_ID, FIRMWARE, CPUS, MEMORY, DEVICES, CPU_HOT_ADD,
            MEMORY_HOT_ADD, EXTRA_CONFIG, TOOLS_POLICY, POWER_OFF_TYPE, TOOLS_STATUS, TOOLS_VERSION, POWER_STATE, HOST);

    static final String HOST_PACKAGES = "summary.hardware.numCpuPkgs";
    static final String HOST_CORES = "summary.hardware.numCpuCores";
    static final String HOST_THREADS = "summary.hardware.numCpuThreads";
    static final String HOST_MEMORY = "summary.hardware.memorySize";
    static final String HOST_PRODUCT = "summary.config.product.version";

    static final List<String> HOST_PATHS = List.of(NAME, HOST_PACKAGES, HOST_CORES, HOST_THREADS, HOST_MEMORY, HOST_PRODUCT);

    private VmProperties() {
    }
}
