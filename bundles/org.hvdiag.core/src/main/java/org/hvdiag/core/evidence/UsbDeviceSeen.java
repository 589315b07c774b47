package org.hvdiag.core.evidence;

import java.util.Locale;

import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbSpeed;

/**
 * A USB device as a log names it. Ids are four lower-case hex digits, "" when the line gives none;
 * {@code controller} is the virtual controller the log says it went to, null when it does not say
 * (evidence rules then work it out from the VM's controllers and the device's speed).
 */
public record UsbDeviceSeen(String vendorId, String productId, String name, UsbSpeed speed,
        UsbControllerType controller) {
    public UsbDeviceSeen {
        vendorId = hexId(vendorId);
        productId = hexId(productId);
        name = name == null ? "" : name.strip();
        speed = speed == null ? UsbSpeed.UNKNOWN : speed;
    }

    public static UsbDeviceSeen named(String name) {
        return new UsbDeviceSeen("", "", name, UsbSpeed.UNKNOWN, null);
    }

    /** "vid:pid", or "" when the log gave no ids. */
    public String ids() {
        return vendorId.isEmpty() && productId.isEmpty() ? "" : vendorId + ":" + productId;
    }

    /** Whether two sightings are the same device: by ids when both have them, else by name. */
    public boolean sameDevice(UsbDeviceSeen other) {
        if (!ids().isEmpty() && !other.ids().isEmpty()) {
            return ids().equals(other.ids());
        }
        return !name.isEmpty() && name.equalsIgnoreCase(other.name);
    }

    /** "'SafeNet eToken' (0529:0620)" as the admin reads it. */
    public String describe() {
        String quoted = name.isEmpty() ? "" : "'" + name + "'";
        if (ids().isEmpty()) {
            return quoted.isEmpty() ? "(unnamed)" : quoted;
        }
        return quoted.isEmpty() ? ids() : quoted + " (" + ids() + ")";
    }

    private static String hexId(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        if (s.isEmpty()) {
            return "";
        }
        try {
            return String.format(Locale.ROOT, "%04x", Integer.parseInt(s, 16));
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
