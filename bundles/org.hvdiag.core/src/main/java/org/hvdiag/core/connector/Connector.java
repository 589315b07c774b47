package org.hvdiag.core.connector;

import java.util.Optional;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HypervisorKind;

/**
 * One hypervisor's way into the model, registered as an OSGi service so that the CLI and the
 * workbench find every installed connector without knowing it: they build their target handling,
 * options and connection pages from {@link #descriptor()}.
 */
public interface Connector {

    ConnectorDescriptor descriptor();

    /** Short name used in journals and by admins: "vmx", "vsphere". */
    default String id() {
        return descriptor().id();
    }

    default HypervisorKind hypervisor() {
        return descriptor().hypervisor();
    }

    /** Whether this connector reads the given target (a path, a folder, a connection URL). */
    default boolean accepts(String target) {
        return descriptor().accepts(target);
    }

    /**
     * The target to read when the admin names none, such as VMware Workstation's default VM folder
     * on this machine; empty for connectors that always need a server address.
     */
    default Optional<String> defaultTarget() {
        return Optional.empty();
    }

    Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException;

    /**
     * Whether and when this connector can make a change. Implement it as a {@link ConfigChange.Visitor},
     * so a new kind of change cannot compile until the connector says what it does with it.
     */
    ChangeSupport support(ConfigChange change);
}
