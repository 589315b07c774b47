package org.hvdiag.core.model;

import java.util.Objects;

/**
 * One virtual USB controller. {@code id} is the connector's own handle for it (a device key in
 * vSphere, a .vmx key prefix), used by changes that name the controller.
 * {@code autoConnectDevices} is vSphere's "ability to hot plug devices" flag on the controller.
 */
public record UsbController(String id, UsbControllerType type, String model, boolean autoConnectDevices) {
    public UsbController {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        model = model == null ? "" : model;
    }
}
