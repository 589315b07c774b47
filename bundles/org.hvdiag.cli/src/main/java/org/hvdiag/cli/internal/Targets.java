package org.hvdiag.cli.internal;

import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hvdiag.cli.Catalog;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;

/** Finds the connector for what the admin typed and opens a session to it. */
final class Targets {
    /** The CLI never takes a password on the command line, where other users see it in ps. */
    static final String PASSWORD_VARIABLE = "HVDIAG_PASSWORD";

    private final Catalog catalog;

    Targets(Catalog catalog) {
        this.catalog = catalog;
    }

    Connector connectorFor(String target) {
        for (Connector c : catalog.connectors()) {
            if (c.accepts(target)) {
                return c;
            }
        }
        throw new InputError("no installed connector reads '" + target + "' (installed: " + connectorIds()
                + "); expected a folder or .vmx file that exists, or a connection URL such as vsphere://user@host");
    }

    Connector connectorById(String id) {
        for (Connector c : catalog.connectors()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new InputError("the connector '" + id + "' is not installed (installed: " + connectorIds() + ")");
    }

    /** The targets to audit when the admin names none: each connector's local default that exists. */
    List<String> defaults() {
        List<String> found = new ArrayList<>();
        for (Connector c : catalog.connectors()) {
            c.defaultTarget().filter(c::accepts).ifPresent(found::add);
        }
        return found;
    }

    Session open(Connector connector, String target, Map<String, String> options) {
        Credentials credentials = target.contains("://") ? credentialsFor(target) : Credentials.none();
        try {
            return connector.connect(new Endpoint(target, options), credentials);
        } catch (ConnectorException e) {
            throw new InputError(e.getMessage(), e);
        } finally {
            credentials.clear();
        }
    }

    private static Credentials credentialsFor(String target) {
        String user = userOf(target);
        String fromEnv = System.getenv(PASSWORD_VARIABLE);
        if (fromEnv != null) {
            return new Credentials(user, fromEnv.toCharArray());
        }
        Console console = System.console();
        if (console == null) {
            throw new InputError("no password for " + target + ": set " + PASSWORD_VARIABLE + " or run from a terminal to be asked");
        }
        char[] typed = console.readPassword("Password for %s: ", target);
        return new Credentials(user, typed);
    }

    private static String userOf(String target) {
        int scheme = target.indexOf("://");
        int at = target.indexOf('@', scheme + 3);
        return at < 0 ? "" : target.substring(scheme + 3, at);
    }

    private String connectorIds() {
        List<String> ids = new ArrayList<>();
        for (Connector c : catalog.connectors()) {
            ids.add(c.id());
        }
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
