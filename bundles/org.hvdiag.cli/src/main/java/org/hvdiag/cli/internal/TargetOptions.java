package org.hvdiag.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.core.model.HardwareVersion;

/** Options every command that reads a target shares: facts about the host, trust, thresholds. */
public final class TargetOptions {
    @Option(names = "--host-cores", paramLabel = "N", description = "Physical cores of the host that runs file-based VMs (default: this machine, or hvdiag-host.properties in the folder).")
    Integer hostCores;

    @Option(names = "--host-threads", paramLabel = "N", description = "Logical CPUs of that host.")
    Integer hostThreads;

    @Option(names = "--host-memory", paramLabel = "MIB", description = "Memory of that host in MiB.")
    Long hostMemoryMiB;

    @Option(names = "--host-hw", paramLabel = "VERSION", description = "Newest virtual hardware version that host supports, e.g. vmx-21.")
    String hostNewestHardware;

    @Option(names = "--thumbprint", paramLabel = "SHA256", description = "SHA-256 thumbprint of the server certificate you trust (as shown when it is refused).")
    String thumbprint;

    @Option(names = "--hw-floor", paramLabel = "VERSION", description = "Oldest VMware hardware version you accept (default vmx-08, the first that can hold a USB 3 controller).")
    String hardwareFloor;

    Map<String, String> endpointOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        if (hostCores != null) o.put("host.cores", String.valueOf(hostCores));
        if (hostThreads != null) o.put("host.threads", String.valueOf(hostThreads));
        if (hostMemoryMiB != null) o.put("host.memoryMiB", String.valueOf(hostMemoryMiB));
        if (hostNewestHardware != null) o.put("host.newestHardwareVersion", vmx(hostNewestHardware, "--host-hw").toString());
        if (thumbprint != null) o.put("thumbprint", thumbprint);
        return o;
    }

    AuditSettings settings() {
        return hardwareFloor == null ? AuditSettings.DEFAULTS : new AuditSettings(vmx(hardwareFloor, "--hw-floor"));
    }

    private static HardwareVersion vmx(String text, String option) {
        try {
            return HardwareVersion.parseVmx(text);
        } catch (IllegalArgumentException e) {
            throw new InputError(option + ": " + e.getMessage());
        }
    }
}
