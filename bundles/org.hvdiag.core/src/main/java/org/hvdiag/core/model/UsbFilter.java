package org.hvdiag.core.model;

import java.util.Objects;

/**
 * A rule that hands host USB devices to a VM without the admin's action: a VirtualBox device
 * filter, a VMware autoconnect entry, VMware's generic autoconnect switch. Vendor and product ids
 * are -1 and {@code port} is empty when the rule does not restrict them: such a rule captures any
 * device plugged into the host, keyboards and mice included.
 */
public record UsbFilter(String id, String name, int vendorId, int productId, String port, String pattern,
        boolean active) {
    public UsbFilter {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        port = port == null ? "" : port;
        pattern = pattern == null ? "" : pattern;
    }

    public boolean matchesAnyDevice() {
        return vendorId < 0 && productId < 0 && port.isEmpty();
    }
}
