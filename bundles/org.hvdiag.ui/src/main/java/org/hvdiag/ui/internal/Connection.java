package org.hvdiag.ui.internal;

import java.util.Map;
import java.util.Objects;

/**
 * A target the admin added: a name they chose, the connector that reads it, what to connect to,
 * the user, and connector options (an accepted certificate thumbprint, host facts). The password
 * is not here: it lives in Eclipse secure storage under the connection's name.
 */
public record Connection(String name, String connectorId, String target, String user, Map<String, String> options) {
    public Connection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(target, "target");
        user = user == null ? "" : user;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public Connection withOption(String key, String value) {
        Map<String, String> o = new java.util.HashMap<>(options);
        o.put(key, value);
        return new Connection(name, connectorId, target, user, o);
    }
}
