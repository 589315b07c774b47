package org.hvdiag.core.connector;

import java.util.Optional;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HypervisorKind;

/**
 * One hypervisor's way into the model, registered as an OSGi service so that the CLI and the
 * workbench find every installed connector without knowing it.
 */
public interface Connector {

    /** Short name used in journals and by admins: "vmx", "vsphere". */
    String id();

    HypervisorKind hypervisor();

    /** Whether this connector reads the given target (a path, a folder, a connection URL). */
    boolean accepts(String target);

    /**
     * The target to read when the admin names none, such as VMware Workstation's default VM folder
     * on this machine; empty for connectors that always need a server address.
     */
    default Optional<String> defaultTarget() {
        return Optional.empty();
    }

    Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException;

    ChangeSupport support(ConfigChange change);
}
