package org.hvdiag.audit.report;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.UsbDeviceSeen;

/**
 * The fields of an event kind that reports write as columns: the USB device, the stop code, the
 * hypervisor's reason. Empty strings where the kind has none, so every format keeps its shape.
 */
record EventFields(String kind, UsbDeviceSeen device, String controller, String stopCode, String reason) {
    private static final UsbDeviceSeen NO_DEVICE = new UsbDeviceSeen("", "", "", null, null);

    static EventFields of(EventKind k) {
        if (k instanceof EventKind.UsbConnected c) {
            return usb("usb-connected", c.device(), "");
        }
        if (k instanceof EventKind.UsbDisconnected d) {
            return usb("usb-disconnected", d.device(), "");
        }
        if (k instanceof EventKind.UsbConnectFailed f) {
            return usb("usb-connect-failed", f.device(), f.reason());
        }
        if (k instanceof EventKind.StoppedNormally s) {
            return new EventFields("stopped", NO_DEVICE, "", "", s.reason());
        }
        if (k instanceof EventKind.StoppedAbnormally a) {
            return new EventFields("crashed", NO_DEVICE, "", "", a.reason());
        }
        if (k instanceof EventKind.GuestCrashed g) {
            return new EventFields("guest-crashed", NO_DEVICE, "", g.stopCode() == null ? "" : g.stopCode().toString(),
                    g.detail());
        }
        if (k instanceof EventKind.HardPowerOff h) {
            return new EventFields("hard-power-off", NO_DEVICE, "", "", h.by());
        }
        return new EventFields("powered-on", NO_DEVICE, "", "", "");
    }

    private static EventFields usb(String kind, UsbDeviceSeen d, String reason) {
        String controller = d.controller() == null ? "" : d.controller().name().toLowerCase(java.util.Locale.ROOT);
        return new EventFields(kind, d, controller, "", reason);
    }
}
