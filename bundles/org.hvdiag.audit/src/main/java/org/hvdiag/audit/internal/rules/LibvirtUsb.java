package org.hvdiag.audit.internal.rules;

import org.hvdiag.core.model.UsbDevice;

/**
 * How the libvirt connector names a domain's USB objects in the model. A USB host device
 * ({@code <hostdev mode='subsystem' type='usb'>}) is the device "hostdev[N]", N its ordinal among the
 * domain's USB host devices, with its startupPolicy in the raw property "hostdev[N]@startupPolicy"
 * ("(none: mandatory)" when the attribute is absent). A USB redirection channel
 * ({@code <redirdev bus='usb'>}) is the device "redirdev[N]" with its type in "redirdev[N]@type".
 * <p>
 * The raw keys of the first host devices are built once: a rule must not allocate for a VM it does
 * not report (QuietOnCleanVmsTest), and building the key would cost a string per host device.
 */
final class LibvirtUsb {
    static final String HOSTDEV = "hostdev[";
    static final String REDIRDEV = "redirdev[";
    static final String STARTUP_POLICY = "@startupPolicy";
    static final String TYPE = "@type";
    /** What the connector writes when the hostdev has no startupPolicy attribute. */
    static final String POLICY_ABSENT = "(none: mandatory)";

    private static final String[] POLICY_KEYS = new String[64];

    static {
        for (int i = 0; i < POLICY_KEYS.length; i++) {
            POLICY_KEYS[i] = HOSTDEV + i + "]" + STARTUP_POLICY;
        }
    }

    private LibvirtUsb() {
    }

    static boolean isHostDevice(UsbDevice d) {
        return d.id().startsWith(HOSTDEV);
    }

    static boolean isRedirection(UsbDevice d) {
        return d.id().startsWith(REDIRDEV);
    }

    /** The raw property holding a host device's startupPolicy: "hostdev[N]@startupPolicy". */
    static String startupPolicyKey(String deviceId) {
        int n = ordinal(deviceId, HOSTDEV.length());
        return n >= 0 && n < POLICY_KEYS.length ? POLICY_KEYS[n] : deviceId + STARTUP_POLICY;
    }

    /** The N of "prefix[N]" read from {@code from}, or -1 when the id has another shape. */
    private static int ordinal(String id, int from) {
        int end = id.length() - 1;
        if (end <= from || id.charAt(end) != ']') {
            return -1;
        }
        int n = 0;
        for (int i = from; i < end; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9' || n > POLICY_KEYS.length) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
