package org.hvdiag.ui.internal;

import org.eclipse.equinox.security.storage.StorageException;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.Inventory;

/** Opens a session to a connection with its stored password; the password is wiped once connected. */
public final class Sessions {
    private final Installed installed;
    private final Connections connections;

    public Sessions(Installed installed, Connections connections) {
        this.installed = installed;
        this.connections = connections;
    }

    public Session open(Connection c) throws ConnectorException {
        Connector connector = AuditJob.connectorOf(installed, c);
        char[] password;
        try {
            password = connections.password(c.name());
        } catch (StorageException e) {
            throw new ConnectorException("cannot read the password of " + c.name() + " from secure storage: " + e.getMessage(), e);
        }
        Credentials credentials = password.length == 0 && c.user().isEmpty() ? Credentials.none() : new Credentials(c.user(), password);
        java.util.Arrays.fill(password, '\0');
        try {
            return connector.connect(new Endpoint(c.target(), c.options()), credentials);
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
