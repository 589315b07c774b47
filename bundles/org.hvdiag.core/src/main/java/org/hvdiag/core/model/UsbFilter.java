package org.hvdiag.core.model;

import java.util.Objects;

/**
 * A rule that hands host USB devices to a VM without the admin's action: a VirtualBox device
 * filter, a VMware autoconnect entry, VMware's generic autoconnect switch. Vendor and product ids
 * are -1 and {@code port} is empty when the rule does not restrict them. {@code otherCriteria} is
 * what else the rule matches on, as the hypervisor writes it (a VirtualBox filter's manufacturer,
 * product, serial number, revision or remote), "" when nothing else: a rule restricted by none of
 * these captures any device plugged into the host, keyboards and mice included.
 */
public record UsbFilter(String id, String name, int vendorId, int productId, String port, String pattern,
        boolean active, String otherCriteria) {
    public UsbFilter {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        port = port == null ? "" : port;
        pattern = pattern == null ? "" : pattern;
        otherCriteria = otherCriteria == null ? "" : otherCriteria;
    }

    /** A rule that matches on vendor id, product id and port only, as VMware's autoconnect entries do. */
    public UsbFilter(String id, String name, int vendorId, int productId, String port, String pattern, boolean active) {
        this(id, name, vendorId, productId, port, pattern, active, "");
    }

    public boolean matchesAnyDevice() {
        return vendorId < 0 && productId < 0 && port.isEmpty() && otherCriteria.isEmpty();
    }

    /** The same rule switched on or off; every criterion kept. */
    public UsbFilter withActive(boolean on) {
        return new UsbFilter(id, name, vendorId, productId, port, pattern, on, otherCriteria);
    }
}
