package org.hvdiag.vboxweb;

import java.util.Set;

/**
 * The VirtualBox release the endpoint plays: the version IVirtualBox_getVersion answers, the API
 * version IVirtualBox_getAPIVersion answers, and which operations its WSDL has. 7.1 moved firmware
 * and chipset off IMachine (IMachine_getPlatform, IMachine_getFirmwareSettings).
 */
record ApiVersion(String version, String api) {
    private static final Set<String> ONLY_BEFORE_7_1 = Set.of("IMachine_getFirmwareType", "IMachine_getChipsetType",
            "IMachine_getBIOSSettings");

    static ApiVersion parse(String version) {
        String[] p = version.split("\\.");
        if (p.length < 2 || !(version.startsWith("6.1.") || version.startsWith("7.0.") || version.startsWith("7.1."))) {
            throw new IllegalArgumentException("--version must be 6.1.x, 7.0.x or 7.1.x, not " + version);
        }
        return new ApiVersion(version, p[0] + "_" + p[1]);
    }

    boolean is71() {
        return api.equals("7_1");
    }

    /** Whether VirtualBox's WSDL of this version has the operation (for those that differ). */
    boolean has(String operation) {
        if (ONLY_BEFORE_7_1.contains(operation)) {
            return !is71();
        }
        if (operation.startsWith("IPlatform") || operation.startsWith("IFirmwareSettings")
                || operation.equals("IMachine_getPlatform") || operation.equals("IMachine_getFirmwareSettings")) {
            return is71();
        }
        return true;
    }
}
