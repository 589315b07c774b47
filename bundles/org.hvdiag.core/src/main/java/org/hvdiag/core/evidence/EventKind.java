package org.hvdiag.core.evidence;

import java.util.Objects;

/**
 * What one log line says happened to a VM. The set is closed: evidence rules and every view switch
 * over it, and a reader that meets something else leaves the line out rather than inventing a kind.
 */
public sealed interface EventKind {

    /** Short words for the timeline's kind column. */
    String label();

    /** One sentence for the admin, with the kind's details. */
    String describe();

    /** The VM stopped in a way its owner did not ask for: VMM crash, guest stop code, hard power-off. */
    default boolean isAbnormalStop() {
        return false;
    }

    default boolean isUsb() {
        return false;
    }

    record UsbConnected(UsbDeviceSeen device) implements EventKind {
        public UsbConnected {
            Objects.requireNonNull(device, "device");
        }
        @Override public String label() { return "USB connected"; }
        @Override public String describe() { return "USB device " + device.describe() + " connected"; }
        @Override public boolean isUsb() { return true; }
    }

    record UsbDisconnected(UsbDeviceSeen device) implements EventKind {
        public UsbDisconnected {
            Objects.requireNonNull(device, "device");
        }
        @Override public String label() { return "USB disconnected"; }
        @Override public String describe() { return "USB device " + device.describe() + " disconnected"; }
        @Override public boolean isUsb() { return true; }
    }

    record UsbConnectFailed(UsbDeviceSeen device, String reason) implements EventKind {
        public UsbConnectFailed {
            Objects.requireNonNull(device, "device");
            reason = reason == null ? "" : reason;
        }
        @Override public String label() { return "USB connect failed"; }
        @Override public String describe() {
            return "USB device " + device.describe() + " failed to connect" + (reason.isEmpty() ? "" : ": " + reason);
        }
        @Override public boolean isUsb() { return true; }
    }

    record PoweredOn() implements EventKind {
        @Override public String label() { return "powered on"; }
        @Override public String describe() { return "VM powered on"; }
    }

    /** A stop the owner asked for or the guest did itself: shutdown, suspend, an exit code of 0. */
    record StoppedNormally(String reason) implements EventKind {
        public StoppedNormally {
            reason = reason == null ? "" : reason;
        }
        @Override public String label() { return "stopped"; }
        @Override public String describe() { return "VM stopped normally" + (reason.isEmpty() ? "" : ": " + reason); }
    }

    /** The hypervisor's VM process died or stopped the VM on an error; {@code reason} is its words. */
    record StoppedAbnormally(String reason) implements EventKind {
        public StoppedAbnormally {
            reason = reason == null ? "" : reason;
        }
        @Override public String label() { return "crashed"; }
        @Override public String describe() { return "VM stopped abnormally" + (reason.isEmpty() ? "" : ": " + reason); }
        @Override public boolean isAbnormalStop() { return true; }
    }

    /** The guest OS reported a fatal error; {@code stopCode} is null when the hypervisor recorded none. */
    record GuestCrashed(StopCode stopCode, String detail) implements EventKind {
        public GuestCrashed {
            detail = detail == null ? "" : detail;
        }
        @Override public String label() { return "guest crashed"; }
        @Override public String describe() {
            return "guest OS crashed" + (stopCode == null ? "" : " with stop code " + stopCode)
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
        @Override public boolean isAbnormalStop() { return true; }
    }

    /** Power pulled from under the guest: the admin's "power off", libvirt's destroy, a VBox poweroff. */
    record HardPowerOff(String by) implements EventKind {
        public HardPowerOff {
            by = by == null ? "" : by;
        }
        @Override public String label() { return "hard power-off"; }
        @Override public String describe() { return "VM hard powered off" + (by.isEmpty() ? "" : " by " + by); }
        @Override public boolean isAbnormalStop() { return true; }
    }
}
