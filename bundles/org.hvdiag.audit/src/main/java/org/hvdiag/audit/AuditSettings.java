package org.hvdiag.audit;

import java.util.Objects;

import org.hvdiag.core.model.HardwareVersion;

/**
 * Admin-chosen thresholds. {@code vmxFloor}: the oldest VMware hardware version the admin accepts;
 * the default vmx-08 is the first version that can hold an xHCI (USB 3) controller
 * (DOMAIN-FACTS: xHCI needs vmx-08), so below it a VM cannot be given a USB 3 controller at all.
 */
public record AuditSettings(HardwareVersion vmxFloor) {
    public static final AuditSettings DEFAULTS = new AuditSettings(HardwareVersion.vmx(8));

    public AuditSettings {
        Objects.requireNonNull(vmxFloor, "vmxFloor");
    }
}
