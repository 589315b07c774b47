package org.hvdiag.core.model;

import java.util.Objects;

/**
 * A virtual hardware version: vmx-13, a Hyper-V configuration version 9.0, a libvirt machine type.
 * Versions compare only within one family; comparing vmx-13 with Hyper-V 9.0 is a programming error.
 */
public record HardwareVersion(Family family, int major, int minor) implements Comparable<HardwareVersion> {

    public enum Family { VMX, HYPERV, VIRTUALBOX, LIBVIRT_MACHINE }

    public HardwareVersion {
        Objects.requireNonNull(family, "family");
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative hardware version " + major + "." + minor);
        }
    }

    public static HardwareVersion vmx(int version) {
        return new HardwareVersion(Family.VMX, version, 0);
    }

    /** Parses "vmx-13" or "13" (the forms seen in the vSphere API and in .vmx files). */
    public static HardwareVersion parseVmx(String text) {
        String digits = text.startsWith("vmx-") ? text.substring(4) : text;
        try {
            return vmx(Integer.parseInt(digits.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a VMware hardware version: '" + text + "' (expected e.g. vmx-13 or 13)");
        }
    }

    public static HardwareVersion hyperv(int major, int minor) {
        return new HardwareVersion(Family.HYPERV, major, minor);
    }

    /** Parses a Hyper-V configuration version as Get-VM and Get-VMHostSupportedVersion print it: "9.0". */
    public static HardwareVersion parseHyperv(String text) {
        String t = text == null ? "" : text.trim();
        int dot = t.indexOf('.');
        try {
            if (dot > 0 && dot < t.length() - 1) {
                return hyperv(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
            }
        } catch (IllegalArgumentException e) {
            // not digits, or negative: the one message below
        }
        throw new IllegalArgumentException("not a Hyper-V configuration version: '" + text + "' (expected e.g. 9.0)");
    }

    public boolean isAtLeast(HardwareVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean isOlderThan(HardwareVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(HardwareVersion other) {
        if (family != other.family) {
            throw new IllegalArgumentException("cannot compare " + this + " with " + other);
        }
        int c = Integer.compare(major, other.major);
        return c != 0 ? c : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return switch (family) {
            case VMX -> "vmx-" + (major < 10 ? "0" : "") + major;
            case HYPERV, VIRTUALBOX -> major + "." + minor;
            case LIBVIRT_MACHINE -> "machine " + major + "." + minor;
        };
    }
}
