package org.hvdiag.vmx.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.vmware.VmwareAutoconnect;

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
    static final String GENERIC_AUTOCONNECT = VmwareAutoconnect.GENERIC_KEY;
    static final String AUTOCONNECT_PREFIX = VmwareAutoconnect.RULE_PREFIX;
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
            autoConnectRule(s, key).ifPresent(out::add);
        }
        // A switch written FALSE is kept as an inactive rule: the model can then turn it back on.
        if (s.file().has(GENERIC_AUTOCONNECT)) {
            out.add(VmwareAutoconnect.generic(s.text(GENERIC_AUTOCONNECT), s.flag(GENERIC_AUTOCONNECT, false)));
        }
        return out;
    }

    /** N of usb.autoConnect.deviceN, or -1 when the key is something else. */
    static long autoConnectIndex(String key) {
        return VmwareAutoconnect.index(key);
    }

    /** Empty for an empty entry, which connects no device. */
    private static Optional<UsbFilter> autoConnectRule(VmxSettings s, String key) {
        return VmwareAutoconnect.parse(key, s.text(key)).map(rule -> {
            for (String expected : rule.problems()) {
                s.problem(key, expected);
            }
            return rule.filter();
        });
    }
}
