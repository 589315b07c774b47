package org.hvdiag.core.connector;

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

    Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException;

    ChangeSupport support(ConfigChange change);
}
