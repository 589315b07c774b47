package org.hvdiag.esxi.internal;

import org.hvdiag.core.model.HardwareVersion;

/**
 * The newest virtual hardware version an ESXi release runs, from its product version ("7.0.3"), by
 * the table in the vSphere Automation API's Vm_Hardware_Upgrade: vmx-07 ESXi 4.0, 08 5.0, 09 5.1,
 * 10 5.5, 11 6.0, 13 6.5, 14 6.7, 15 6.7U2, 17 7.0, 18 7.0U1, 19 7.0U2, 20 8.0, 21 8.0U2. The product
 * version carries no update level for 6.7 (U2 shows only in the build), so 6.7 counts as vmx-14: the
 * rules then never suggest a version the host may not run.
 */
final class HardwareByRelease {
    private HardwareByRelease() {
    }

    /** Null when the version is not an ESXi release this table knows. */
    static HardwareVersion newestFor(String productVersion) {
        String[] p = productVersion == null ? new String[0] : productVersion.trim().split("\\.");
        if (p.length < 2) {
            return null;
        }
        int major;
        int minor;
        int update;
        try {
            major = Integer.parseInt(p[0]);
            minor = Integer.parseInt(p[1]);
            update = p.length > 2 ? Integer.parseInt(p[2]) : 0;
        } catch (NumberFormatException e) {
            return null;
        }
        int v;
        if (major >= 9) {
            v = 21; // newer than this table: at least what 8.0U2 runs
        } else if (major == 8) {
            v = update >= 2 ? 21 : 20;
        } else if (major == 7) {
            v = update >= 2 ? 19 : update == 1 ? 18 : 17;
        } else if (major == 6) {
            v = minor >= 7 ? 14 : minor == 5 ? 13 : 11;
        } else if (major == 5) {
            v = minor >= 5 ? 10 : minor == 1 ? 9 : 8;
        } else if (major == 4) {
            v = 7;
        } else {
            return null;
        }
        return HardwareVersion.vmx(v);
    }
}
