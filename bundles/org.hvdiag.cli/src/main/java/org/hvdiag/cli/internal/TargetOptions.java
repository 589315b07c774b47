package org.hvdiag.cli.internal;

import picocli.CommandLine.Option;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.core.model.HardwareVersion;

/** Audit settings every command that audits shares; connector options come from {@link ConnectorOptions}. */
public final class TargetOptions {
    @Option(names = "--hw-floor", paramLabel = "VERSION", description = "Oldest VMware hardware version you accept (default vmx-08, the first that can hold a USB 3 controller).")
    String hardwareFloor;

    AuditSettings settings() {
        if (hardwareFloor == null) {
            return AuditSettings.DEFAULTS;
        }
        try {
            return new AuditSettings(HardwareVersion.parseVmx(hardwareFloor));
        } catch (IllegalArgumentException e) {
            throw new InputError("--hw-floor: " + e.getMessage());
        }
    }
}
