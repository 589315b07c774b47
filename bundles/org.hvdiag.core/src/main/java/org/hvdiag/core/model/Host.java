package org.hvdiag.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A host that runs VMs. For file targets (a folder of .vmx files) it is the machine hvdiag runs on,
 * or what the admin stated with options. Counts the hypervisor did not report are -1, and
 * {@code newestHardwareVersion} is null when unknown.
 */
public record Host(String id, String name, HypervisorKind kind, String productVersion, int cpuPackages,
        int cpuCores, int cpuThreads, long memoryMiB, HardwareVersion newestHardwareVersion,
        List<String> extensionPacks) {
    public Host {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        name = name == null ? id : name;
        productVersion = productVersion == null ? "" : productVersion;
        extensionPacks = List.copyOf(extensionPacks == null ? List.of() : extensionPacks);
    }
}
