package org.hvdiag.audit.internal.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hvdiag.audit.Finding;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/**
 * What the evidence rules share: which controller a logged device went to, which configuration
 * findings doubt that controller, and how an event reads in a finding's evidence.
 */
final class EvidenceText {
    /** The configuration rules that doubt a controller type, and the types each one doubts. */
    private static final Map<String, Set<UsbControllerType>> DOUBTS = Map.of(
            "usb-xhci-guest-unsupported", EnumSet.of(UsbControllerType.XHCI),
            "usb-xhci-hardware-too-old", EnumSet.of(UsbControllerType.XHCI),
            "usb-macos-needs-ehci", EnumSet.of(UsbControllerType.XHCI),
            "usb-ehci-and-xhci-windows", EnumSet.of(UsbControllerType.EHCI, UsbControllerType.XHCI),
            "usb-vbox-extpack-missing", EnumSet.of(UsbControllerType.EHCI, UsbControllerType.XHCI),
            "usb-no-xhci-for-usb3", EnumSet.of(UsbControllerType.UHCI, UsbControllerType.OHCI, UsbControllerType.EHCI),
            "usb-libvirt-prefer-xhci", EnumSet.of(UsbControllerType.UHCI, UsbControllerType.OHCI, UsbControllerType.EHCI),
            "usb-duplicate-controller", EnumSet.allOf(UsbControllerType.class),
            "usb-too-many-devices", EnumSet.allOf(UsbControllerType.class));

    private EvidenceText() {
    }

    /** The controller a device went to, and whether the log said so or it was worked out. */
    record Resolved(UsbControllerType type, boolean logged) {
        String text() {
            if (type == null) {
                return "unknown (the log does not say, and the VM has several)";
            }
            return BuiltInRule.shortName(type) + (logged ? "" : " (from the VM's controllers and the device's speed)");
        }
    }

    /**
     * The log's word when it has one. Otherwise the VM's only controller type, or the one a device of
     * that speed is served by: USB 3 needs xHCI; a USB 2 device goes to EHCI when there is one; a
     * USB 1.1 device to UHCI/OHCI when there is one; xHCI serves every speed.
     */
    static Resolved controller(Vm vm, UsbDeviceSeen device) {
        if (device.controller() != null) {
            return new Resolved(device.controller(), true);
        }
        EnumSet<UsbControllerType> present = EnumSet.noneOf(UsbControllerType.class);
        vm.usbControllers().forEach(c -> present.add(c.type()));
        if (present.size() == 1) {
            return new Resolved(present.iterator().next(), false);
        }
        UsbSpeed speed = device.speed();
        if (speed == UsbSpeed.USB_3_X && present.contains(UsbControllerType.XHCI)) {
            return new Resolved(UsbControllerType.XHCI, false);
        }
        if (speed == UsbSpeed.USB_2_0) {
            return firstPresent(present, UsbControllerType.EHCI, UsbControllerType.XHCI);
        }
        if (speed == UsbSpeed.USB_1_1) {
            return firstPresent(present, UsbControllerType.UHCI, UsbControllerType.OHCI, UsbControllerType.EHCI,
                    UsbControllerType.XHCI);
        }
        return new Resolved(null, false);
    }

    private static Resolved firstPresent(Set<UsbControllerType> present, UsbControllerType... order) {
        for (UsbControllerType t : order) {
            if (present.contains(t)) {
                return new Resolved(t, false);
            }
        }
        return new Resolved(null, false);
    }

    /** "usb-xhci-guest-unsupported (warning)" for each configuration finding that doubts {@code type}. */
    static List<String> doubtsOn(UsbControllerType type, List<Finding> config) {
        List<String> out = new ArrayList<>();
        for (Finding f : config) {
            Set<UsbControllerType> doubted = DOUBTS.get(f.ruleId());
            if (doubted != null && (type == null || doubted.contains(type))) {
                out.add(f.ruleId() + " (" + f.severity().label() + ")");
            }
        }
        return out;
    }

    /** Every configuration finding on the VM, as rule ids. */
    static List<String> ruleIds(List<Finding> config) {
        List<String> out = new ArrayList<>();
        for (Finding f : config) {
            if (!out.contains(f.ruleId())) {
                out.add(f.ruleId());
            }
        }
        return out;
    }

    static String at(VmEvent e) {
        return e.time() + " (" + e.source() + ")";
    }

    /** "4 s", "2 min 5 s". */
    static String gap(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }

    /** The crash words an admin searches for: the stop code when there is one, else the hypervisor's reason. */
    static String stopText(EventKind kind) {
        if (kind instanceof EventKind.GuestCrashed g) {
            return g.stopCode() == null ? "guest crashed" + detail(g.detail()) : "guest stop code " + g.stopCode();
        }
        if (kind instanceof EventKind.StoppedAbnormally a) {
            return "VM stopped abnormally" + detail(a.reason());
        }
        if (kind instanceof EventKind.HardPowerOff h) {
            return "hard power-off" + (h.by().isEmpty() ? "" : " by " + h.by());
        }
        return kind.label();
    }

    private static String detail(String s) {
        return s.isEmpty() ? "" : ": " + s;
    }
}
