package org.hvdiag.ui.internal;

import java.util.Arrays;

import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.Inventory;

/**
 * Opens a session to a connection with its stored password and secret options; they are wiped
 * once connected. A connection whose connector is not installed fails naming the installed ones.
 */
@Component(service = Sessions.class)
public final class Sessions {
    static {
        // SWT on GTK iterates GLib's default main context on the UI thread, which is where libvirt's
        // event implementation lives: the libvirt connector must leave that loop to the workbench
        // (the property's name is the libvirt bundle's; this bundle does not depend on it).
        if ("gtk".equals(org.eclipse.swt.SWT.getPlatform())) {
            System.setProperty("hvdiag.libvirt.hostEventLoop", "true");
        }
    }

    private final Installed installed;
    private final Connections connections;

    @Activate
    public Sessions(@Reference Installed installed, @Reference Connections connections) {
        this.installed = installed;
        this.connections = connections;
    }

    public Session open(Connection c) throws ConnectorException {
        var connector = installed.connectors().require(c.connectorId());
        char[] password;
        Endpoint endpoint;
        try {
            password = connections.password(c.name());
            endpoint = new Endpoint(c.target(), connections.allOptions(c));
        } catch (StorageException e) {
            throw new ConnectorException("cannot read the secrets of " + c.name() + " from secure storage: " + e.getMessage(), e);
        }
        Credentials credentials = password.length == 0 && c.user().isEmpty() ? Credentials.none() : new Credentials(c.user(), password);
        Arrays.fill(password, '\0');
        try {
            return connector.connect(endpoint, credentials);
        } finally {
            credentials.clear();
        }
    }

    public Inventory inventory(Connection c, Progress progress) throws ConnectorException {
        try (Session s = open(c)) {
            return s.inventory(progress);
        }
    }
}
