package org.hvdiag.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A host that runs VMs. For file targets (a folder of .vmx files) it is the machine hvdiag runs on,
 * or what the admin stated with options. Counts the hypervisor did not report are -1, and
 * {@code newestHardwareVersion} is null when unknown.
 * <p>
 * {@code extensionPacks} are VirtualBox's ("&lt;pack name&gt; &lt;version&gt;"). An empty list says
 * "none installed" only when {@code extensionPacksKnown} is true: the VirtualBox web service does not
 * show packs, and a rule that read "unknown" as "none" would report VMs that are fine.
 * <p>
 * {@code oldestHardwareVersion} and {@code defaultHardwareVersion} are Hyper-V's
 * (Get-VMHostSupportedVersion, and with -Default the version new VMs get); null when unknown or
 * when the hypervisor has no such notion.
 */
public record Host(String id, String name, HypervisorKind kind, String productVersion, int cpuPackages,
        int cpuCores, int cpuThreads, long memoryMiB, HardwareVersion newestHardwareVersion,
        List<String> extensionPacks, boolean extensionPacksKnown, HardwareVersion oldestHardwareVersion,
        HardwareVersion defaultHardwareVersion) {
    public Host {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        name = name == null ? id : name;
        productVersion = productVersion == null ? "" : productVersion;
        extensionPacks = List.copyOf(extensionPacks == null ? List.of() : extensionPacks);
        if (!extensionPacksKnown && !extensionPacks.isEmpty()) {
            throw new IllegalArgumentException("host " + id + " lists extension packs " + extensionPacks
                    + " but says they are unknown");
        }
    }

    /** A host without Hyper-V's oldest and default configuration versions. */
    public Host(String id, String name, HypervisorKind kind, String productVersion, int cpuPackages, int cpuCores,
            int cpuThreads, long memoryMiB, HardwareVersion newestHardwareVersion, List<String> extensionPacks,
            boolean extensionPacksKnown) {
        this(id, name, kind, productVersion, cpuPackages, cpuCores, cpuThreads, memoryMiB, newestHardwareVersion,
                extensionPacks, extensionPacksKnown, null, null);
    }

    /**
     * A host whose packs are known exactly when some are listed: an empty list from a caller that does
     * not say stays "unknown" rather than turning into "none installed".
     */
    public Host(String id, String name, HypervisorKind kind, String productVersion, int cpuPackages, int cpuCores,
            int cpuThreads, long memoryMiB, HardwareVersion newestHardwareVersion, List<String> extensionPacks) {
        this(id, name, kind, productVersion, cpuPackages, cpuCores, cpuThreads, memoryMiB, newestHardwareVersion,
                extensionPacks, extensionPacks != null && !extensionPacks.isEmpty());
    }

    /**
     * The version an upgrade on this host brings a VM to, or null when unknown: on Hyper-V the host's
     * default (Update-VMVersion "updates virtual machines to the current version"), which need not be
     * the newest the host lists; elsewhere the newest the host supports.
     */
    public HardwareVersion upgradeTarget() {
        return kind == HypervisorKind.HYPERV ? defaultHardwareVersion : newestHardwareVersion;
    }
}
