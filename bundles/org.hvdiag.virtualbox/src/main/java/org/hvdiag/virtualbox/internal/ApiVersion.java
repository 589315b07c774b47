package org.hvdiag.virtualbox.internal;

import org.hvdiag.core.connector.ConnectorException;

/**
 * The web service API a vboxwebsrv speaks, from IVirtualBox_getAPIVersion ("7_0"). The USB, session
 * and locking operations are the same in all three; 7.1 moved firmware and chipset from IMachine
 * to IMachine_getFirmwareSettings and IMachine_getPlatform.
 */
enum ApiVersion {
    V6_1("6_1"), V7_0("7_0"), V7_1("7_1");

    private final String wire;

    ApiVersion(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    boolean hasPlatform() {
        return this == V7_1;
    }

    /** Newer APIs than 7.1 are read as 7.1, the newest this client knows; older than 6.1 are refused. */
    static ApiVersion of(String answer, String server) throws ConnectorException {
        String a = answer == null ? "" : answer.trim();
        for (ApiVersion v : values()) {
            if (v.wire.equals(a)) {
                return v;
            }
        }
        String[] parts = a.split("_");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major > 7 || (major == 7 && minor > 1)) {
                return V7_1;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new ConnectorException(server + " speaks VirtualBox web service API '" + a
                + "'; hvdiag reads 6_1, 7_0 and 7_1 (VirtualBox 6.1 to 7.1)");
    }
}
