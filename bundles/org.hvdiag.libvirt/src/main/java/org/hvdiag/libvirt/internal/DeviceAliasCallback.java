package org.hvdiag.libvirt.internal;

import com.sun.jna.Pointer;

import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;

/**
 * libvirt's device-added and device-removed callbacks, which the Java binding (0.5.4) does not
 * wrap: {@code void (*)(virConnectPtr conn, virDomainPtr dom, const char *devAlias, void *opaque)},
 * virConnectDomainEventDeviceAddedCallback and virConnectDomainEventDeviceRemovedCallback in
 * libvirt's include/libvirt/libvirt-domain.h. Public because JNA calls it by reflection.
 */
public interface DeviceAliasCallback extends Libvirt.VirDomainEventCallback {
    void eventCallback(ConnectionPointer conn, DomainPointer dom, String devAlias, Pointer opaque);
}
