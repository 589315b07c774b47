package org.hvdiag.cli.internal;

import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Connectors;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.Inventory;

/** Finds the connector for what the admin typed, opens a session to it, and reads inventories. */
final class Targets {
    /** The CLI never takes a password on the command line, where other users see it in ps. */
    static final String PASSWORD_VARIABLE = "HVDIAG_PASSWORD";

    private final Connectors installed;

    Targets(Connectors installed) {
        this.installed = installed;
    }

    Connector connectorFor(String target) {
        try {
            return installed.forTarget(target);
        } catch (ConnectorException e) {
            throw new InputError(e.getMessage());
        }
    }

    Connector connectorById(String id) {
        try {
            return installed.require(id);
        } catch (ConnectorException e) {
            throw new InputError(e.getMessage());
        }
    }

    /** The targets named, or when none, each connector's local default that exists. */
    List<String> orDefaults(List<String> targets) {
        List<String> chosen = targets.isEmpty() ? installed.defaults() : targets;
        if (chosen.isEmpty()) {
            throw new InputError("no TARGET given and no default VM folder found on this machine; name a folder, a VM file or a URL");
        }
        return chosen;
    }

    /** Every target's inventory, in order; options go to the connectors that take them. */
    List<Inventory> read(List<String> targets, ConnectorOptions options, Progress progress) {
        List<Connector> connectors = new ArrayList<>();
        for (String t : targets) {
            connectors.add(connectorFor(t));
        }
        options.requireUsedBy(connectors, installed);
        List<Inventory> inventories = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Connector connector = connectors.get(i);
            try (Session session = open(connector, targets.get(i), options.forConnector(connector))) {
                inventories.add(session.inventory(progress));
            } catch (ConnectorException e) {
                throw new InputError(e.getMessage(), e);
            }
        }
        return inventories;
    }

    Session open(Connector connector, String target, Map<String, String> options) {
        Credentials credentials = connector.descriptor().needsCredentials(target) ? credentialsFor(target) : Credentials.none();
        try {
            return connector.connect(new Endpoint(target, options), credentials);
        } catch (ConnectorException e) {
            throw new InputError(e.getMessage(), e);
        } finally {
            credentials.clear();
        }
    }

    private static Credentials credentialsFor(String target) {
        String user = TargetForm.Url.userOf(target);
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
}
