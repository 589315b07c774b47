package org.hvdiag.vboxweb;

/**
 * What a .vbox DeviceFilter element says; "" where the file has no attribute (matches anything).
 */
record FilterValues(String name, boolean active, String vendorId, String productId, String revision,
        String manufacturer, String product, String serialNumber, String port, String remote, long maskedInterfaces) {
}
