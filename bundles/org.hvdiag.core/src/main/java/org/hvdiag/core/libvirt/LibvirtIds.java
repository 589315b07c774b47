package org.hvdiag.core.libvirt;

/**
 * How a libvirt domain's USB objects are named in the model, shared by the libvirt connector (which
 * gives the names and finds the elements again to change them) and the rules (which judge them):
 * <ul>
 * <li>a USB host device ({@code <hostdev mode='subsystem' type='usb'>}) is the device "hostdev[N]",
 * N its ordinal among the domain's USB host devices, with its startupPolicy in the raw property
 * "hostdev[N]@startupPolicy" ({@link #POLICY_ABSENT} when the attribute is absent);</li>
 * <li>a USB redirection channel ({@code <redirdev bus='usb'>}) is the device "redirdev[N]", its type
 * in "redirdev[N]@type";</li>
 * <li>a disk on the USB bus is the device "disk[TARGET]" ("disk[sdb]");</li>
 * <li>a redirfilter rule is "redirfilter/usbdev[N]", counting every rule, allowing or not;</li>
 * <li>the raw property {@link #GUEST_AGENT_CHANNEL} is "present" or "absent".</li>
 * </ul>
 * The startupPolicy keys of the first host devices are built once: a rule must not allocate for a
 * VM it does not report, and building the key would cost a string per host device.
 */
public final class LibvirtIds {
    public static final String HOSTDEV = "hostdev[";
    public static final String REDIRDEV = "redirdev[";
    public static final String DISK = "disk[";
    public static final String REDIRFILTER_RULE = "redirfilter/usbdev[";
    public static final String STARTUP_POLICY = "@startupPolicy";
    public static final String TYPE = "@type";
    /** What the connector writes when the hostdev has no startupPolicy attribute (libvirt's default is mandatory). */
    public static final String POLICY_ABSENT = "(none: mandatory)";
    public static final String GUEST_AGENT = "org.qemu.guest_agent.0";
    public static final String GUEST_AGENT_CHANNEL = "channel[" + GUEST_AGENT + "]";

    private static final String[] POLICY_KEYS = new String[64];

    static {
        for (int i = 0; i < POLICY_KEYS.length; i++) {
            POLICY_KEYS[i] = HOSTDEV + i + "]" + STARTUP_POLICY;
        }
    }

    private LibvirtIds() {
    }

    public static String hostDevice(int n) {
        return HOSTDEV + n + "]";
    }

    public static String redirection(int n) {
        return REDIRDEV + n + "]";
    }

    public static String usbDisk(String target) {
        return DISK + target + "]";
    }

    public static String redirRule(int n) {
        return REDIRFILTER_RULE + n + "]";
    }

    public static boolean isHostDevice(String id) {
        return id.startsWith(HOSTDEV);
    }

    public static boolean isRedirection(String id) {
        return id.startsWith(REDIRDEV);
    }

    /** The target of "disk[TARGET]", or null for another id. */
    public static String diskTarget(String id) {
        return id.startsWith(DISK) && id.endsWith("]") ? id.substring(DISK.length(), id.length() - 1) : null;
    }

    /** The N of "hostdev[N]", "redirdev[N]" or "redirfilter/usbdev[N]" (after {@code prefix}), or -1 for another id. */
    public static int ordinal(String id, String prefix) {
        int end = id.length() - 1;
        if (!id.startsWith(prefix) || end <= prefix.length() || id.charAt(end) != ']') {
            return -1;
        }
        int n = 0;
        for (int i = prefix.length(); i < end; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9' || n > 100_000_000) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The raw property holding a host device's startupPolicy: "hostdev[N]@startupPolicy". */
    public static String startupPolicyKey(String deviceId) {
        int n = ordinal(deviceId, HOSTDEV);
        return n >= 0 && n < POLICY_KEYS.length ? POLICY_KEYS[n] : deviceId + STARTUP_POLICY;
    }

    /** The host device a "hostdev[N]@startupPolicy" key names, or null when the key is another. */
    public static String deviceOfStartupPolicy(String key) {
        if (!key.endsWith(STARTUP_POLICY)) {
            return null;
        }
        String device = key.substring(0, key.length() - STARTUP_POLICY.length());
        return ordinal(device, HOSTDEV) >= 0 ? device : null;
    }
}
