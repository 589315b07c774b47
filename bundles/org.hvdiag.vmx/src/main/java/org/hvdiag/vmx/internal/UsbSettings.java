package org.hvdiag.vmx.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;

/**
 * The USB part of a .vmx: the three controllers VMware emulates, the devices VMware records under
 * each ({@code usb:N.*}, {@code ehci:N.*}, {@code usb_xhci:N.*}), and the rules that hand host devices
 * to the VM ({@code usb.autoConnect.deviceN}, {@code usb.generic.autoconnect}).
 */
final class UsbSettings {
    /** A controller's .vmx prefix, which is also its id in the model. */
    static final String UHCI = "usb";
    static final String EHCI = "ehci";
    static final String XHCI = "usb_xhci";
    static final String GENERIC_AUTOCONNECT = "usb.generic.autoconnect";
    static final String AUTOCONNECT_PREFIX = "usb.autoConnect.device";
    private static final String[] DEVICE_PREFIXES = {UHCI, EHCI, XHCI};

    private UsbSettings() {
    }

    static List<UsbController> controllers(VmxSettings s) {
        List<UsbController> out = new ArrayList<>(3);
        if (s.flag(UHCI + ".present", false)) {
            out.add(new UsbController(UHCI, UsbControllerType.UHCI, "uhci", false));
        }
        if (s.flag(EHCI + ".present", false)) {
            out.add(new UsbController(EHCI, UsbControllerType.EHCI, "ehci", false));
        }
        if (s.flag(XHCI + ".present", false)) {
            out.add(new UsbController(XHCI, UsbControllerType.XHCI, "xhci", false));
        }
        return out;
    }

    static List<UsbDevice> devices(VmxSettings s) {
        List<UsbDevice> out = new ArrayList<>();
        for (String controller : DEVICE_PREFIXES) {
            List<UsbDevice> onController = new ArrayList<>();
            for (String key : s.file().keysStartingWith(controller + ":")) {
                String slot = slotOf(key, controller.length() + 1);
                if (slot == null || !s.flag(key, false)) {
                    continue;
                }
                String id = controller + ":" + slot;
                onController.add(new UsbDevice(id, -1, -1, s.text(id + ".deviceType"), speed(s.text(id + ".speed")),
                        controller, false));
            }
            onController.sort(Comparator.comparingLong(d -> Long.parseLong(d.id().substring(controller.length() + 1))));
            out.addAll(onController);
        }
        return out;
    }

    /** "4" for "usb_xhci:4.present" (slot digits start at {@code from}); null for any other key. */
    private static String slotOf(String key, int from) {
        int dot = from;
        while (dot < key.length() && Character.isDigit(key.charAt(dot)) && dot - from < 9) {
            dot++;
        }
        if (dot == from || !key.regionMatches(true, dot, ".present", 0, 8) || dot + 8 != key.length()) {
            return null;
        }
        return key.substring(from, dot);
    }

    /**
     * VMware does not document {@code .speed}. Inferred from files Workstation writes: "1" on full-speed
     * devices, "2" on the high-speed hub of the EHCI/UHCI controller, "4" and "5" on the xHCI root hubs'
     * SuperSpeed ports; "3" taken as USB 3 too.
     */
    static UsbSpeed speed(String v) {
        switch (v.trim()) {
            case "1":
                return UsbSpeed.USB_1_1;
            case "2":
                return UsbSpeed.USB_2_0;
            case "3":
            case "4":
            case "5":
                return UsbSpeed.USB_3_X;
            default:
                return UsbSpeed.UNKNOWN;
        }
    }

    static List<UsbFilter> filters(VmxSettings s) {
        List<UsbFilter> out = new ArrayList<>();
        List<String> keys = s.file().keysStartingWith(AUTOCONNECT_PREFIX);
        keys.removeIf(k -> autoConnectIndex(k) < 0);
        keys.sort(Comparator.comparingLong(UsbSettings::autoConnectIndex));
        for (String key : keys) {
            out.add(autoConnectRule(s, key));
        }
        if (s.flag(GENERIC_AUTOCONNECT, false)) {
            out.add(new UsbFilter(GENERIC_AUTOCONNECT, "generic autoconnect", -1, -1, "", s.text(GENERIC_AUTOCONNECT), true));
        }
        return out;
    }

    /** N of usb.autoConnect.deviceN, or -1 when the key is something else. */
    static long autoConnectIndex(String key) {
        int from = AUTOCONNECT_PREFIX.length();
        if (key.length() <= from || key.length() - from > 9
                || !key.regionMatches(true, 0, AUTOCONNECT_PREFIX, 0, from)) {
            return -1;
        }
        for (int i = from; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(key.substring(from));
    }

    /**
     * "vid:0x0781 pid:0x5567", "path:1/2/3 autoclean:1", "name:SanDisk\ Cruzer vid:0781 pid:5567":
     * space-separated name:value pairs, a backslash keeping the next character (a space in a name).
     */
    private static UsbFilter autoConnectRule(VmxSettings s, String key) {
        String pattern = s.text(key);
        String name = "";
        String port = "";
        int vid = -1;
        int pid = -1;
        for (String token : tokens(pattern)) {
            int colon = token.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = token.substring(0, colon);
            String value = token.substring(colon + 1);
            if (field.equalsIgnoreCase("name")) {
                name = value;
            } else if (field.equalsIgnoreCase("path")) {
                port = value;
            } else if (field.equalsIgnoreCase("vid")) {
                vid = hex16(value);
                if (vid < 0) {
                    s.problem(key, "vid:XXXX with a hexadecimal vendor id, e.g. vid:0x0781");
                }
            } else if (field.equalsIgnoreCase("pid")) {
                pid = hex16(value);
                if (pid < 0) {
                    s.problem(key, "pid:XXXX with a hexadecimal product id, e.g. pid:0x5567");
                }
            }
        }
        return new UsbFilter(key, name, vid, pid, port, pattern, true);
    }

    static List<String> tokens(String pattern) {
        List<String> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                t.append(pattern.charAt(++i));
            } else if (c == ' ' || c == '\t') {
                if (t.length() > 0) {
                    out.add(t.toString());
                    t.setLength(0);
                }
            } else {
                t.append(c);
            }
        }
        if (t.length() > 0) {
            out.add(t.toString());
        }
        return out;
    }

    /** "0x0781" or "0781"; -1 when not a 16-bit hexadecimal number. */
    static int hex16(String v) {
        String digits = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
        if (digits.isEmpty() || digits.length() > 4) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                return -1; // Integer.parseInt would take a sign
            }
            n = n << 4 | d;
        }
        return n;
    }
}
