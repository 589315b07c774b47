package org.hvdiag.libvirt.internal;

import org.libvirt.Connect;
import org.libvirt.ConnectAuth;
import org.libvirt.LibvirtException;
import org.libvirt.jna.ConnectionPointer;

/**
 * A libvirt connection that lends its native handle to {@link DomainEvents}: the binding keeps it
 * protected, and registering the device events it does not wrap needs it.
 */
final class EventConnect extends Connect {
    EventConnect(String uri, ConnectAuth auth, int flags) throws LibvirtException {
        super(uri, auth, flags);
    }

    ConnectionPointer pointer() {
        return vcp;
    }
}
