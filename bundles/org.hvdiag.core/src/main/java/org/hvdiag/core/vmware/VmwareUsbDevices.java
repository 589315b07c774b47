package org.hvdiag.core.vmware;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.model.UsbSpeed;

/**
 * The USB devices one vmware.log has named so far: from "Found device [...]" lines (by host path and
 * by vid:pid) and from "Connecting device" lines (by the VMX's 64-bit device id, which
 * "Disconnecting device 0x..." and "USBGL: Connect failed for ..." give alone). Bounded, so that a
 * log listing devices for months keeps the memory it started with.
 */
final class VmwareUsbDevices {
    private static final int MAX = 512;

    private final Map<String, UsbDeviceSeen> byPath = bounded();
    private final Map<String, UsbDeviceSeen> byIds = bounded();
    private final Map<String, UsbDeviceSeen> byDeviceId = bounded();

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX;
            }
        };
    }

    /** "name:Apple\ iPhone vid:05ac pid:1290 path:5/4 speed:high family:vendor]". */
    void found(String fields) {
        Map<String, String> f = VmwareUsbDevices.fields(fields);
        UsbDeviceSeen d = device(f);
        if (d.ids().isEmpty()) {
            return;
        }
        String path = f.get("path");
        if (path != null) {
            byPath.put(path, d);
        }
        byIds.put(d.ids(), d);
    }

    /**
     * "desc:name:... vid:... pid:... path:... speed:... id:0x..." or "0xe005001605ac1290"; returns
     * the device as well as the log names it, or null for a line of neither form.
     */
    UsbDeviceSeen connecting(String rest) {
        String r = rest.strip();
        if (r.startsWith("desc:")) {
            Map<String, String> f = fields(r.substring("desc:".length()));
            UsbDeviceSeen d = device(f);
            UsbDeviceSeen known = f.get("path") == null ? null : byPath.get(f.get("path"));
            if (known == null && !d.ids().isEmpty()) {
                known = byIds.get(d.ids());
            }
            d = merge(d, known);
            String id = f.get("id");
            if (id != null) {
                byDeviceId.put(normalId(id), d);
            }
            return d;
        }
        if (r.startsWith("0x")) {
            int end = r.indexOf(' ');
            UsbDeviceSeen d = byId(end < 0 ? r : r.substring(0, end));
            return d;
        }
        return null;
    }

    /** The device a bare id names: the one connected with it, else what its low 32 bits (vid, pid) say. */
    UsbDeviceSeen byId(String rawId) {
        String id = normalId(rawId);
        if (id.isEmpty()) {
            return null;
        }
        UsbDeviceSeen d = byDeviceId.get(id);
        if (d != null) {
            return d;
        }
        String padded = "00000000".substring(Math.min(8, id.length())) + id;
        String low = padded.substring(padded.length() - 8);
        UsbDeviceSeen fromId = new UsbDeviceSeen(low.substring(0, 4), low.substring(4), "", UsbSpeed.UNKNOWN, null);
        d = merge(fromId, byIds.get(fromId.ids()));
        byDeviceId.put(id, d);
        return d;
    }

    private static UsbDeviceSeen merge(UsbDeviceSeen d, UsbDeviceSeen known) {
        if (known == null) {
            return d;
        }
        return new UsbDeviceSeen(d.vendorId().isEmpty() ? known.vendorId() : d.vendorId(),
                d.productId().isEmpty() ? known.productId() : d.productId(),
                d.name().isEmpty() ? known.name() : d.name(),
                d.speed() == UsbSpeed.UNKNOWN ? known.speed() : d.speed(), null);
    }

    private static UsbDeviceSeen device(Map<String, String> f) {
        return new UsbDeviceSeen(f.get("vid"), f.get("pid"), f.getOrDefault("name", ""), speed(f.get("speed")), null);
    }

    /** low/full: USB 1.1, high: USB 2.0, super and super-plus: USB 3.x (the words the VMX writes). */
    static UsbSpeed speed(String s) {
        if (s == null) {
            return UsbSpeed.UNKNOWN;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "low", "full" -> UsbSpeed.USB_1_1;
            case "high" -> UsbSpeed.USB_2_0;
            case "super", "superplus", "super-plus", "super+" -> UsbSpeed.USB_3_X;
            default -> UsbSpeed.UNKNOWN;
        };
    }

    /** Lower-case hex without "0x" and leading zeros, so "0x10e0f0002" and "10e0f0002" agree. */
    static String normalId(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        s = s.substring(i);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return "";
            }
        }
        return s.length() > 16 ? "" : s;
    }

    /**
     * Splits "name:Apple\ iPhone vid:05ac ... ]" into keys and values: pairs are separated by
     * spaces, a backslash escapes the next character (VMware's autoconnect pattern syntax, as the
     * vSphere API reference for VirtualUSBUSBBackingInfo describes it).
     */
    static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder token = new StringBuilder();
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            if (c == '\\' && i + 1 < n) {
                token.append(text.charAt(++i));
            } else if (c == ' ' || (c == ']' && i == n - 1)) {
                int colon = token.indexOf(":");
                if (colon > 0) {
                    out.putIfAbsent(token.substring(0, colon), token.substring(colon + 1));
                }
                token.setLength(0);
            } else {
                token.append(c);
            }
        }
        return out;
    }
}
