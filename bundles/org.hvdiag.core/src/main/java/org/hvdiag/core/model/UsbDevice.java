package org.hvdiag.core.model;

import java.util.Objects;

/**
 * A USB device attached to a VM. Vendor and product ids are -1 when the hypervisor does not say.
 * {@code controllerId} names the {@link UsbController#id()} it hangs off, or is empty when unknown.
 */
public record UsbDevice(String id, int vendorId, int productId, String name, UsbSpeed speed,
        String controllerId, boolean autoConnect) {
    public UsbDevice {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        speed = speed == null ? UsbSpeed.UNKNOWN : speed;
        controllerId = controllerId == null ? "" : controllerId;
    }

    public String vidPid() {
        return vendorId < 0 ? "?" : String.format("%04x:%04x", vendorId, productId < 0 ? 0 : productId);
    }
}
