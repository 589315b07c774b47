package org.hvdiag.cli.internal;

import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.audit.VmNamePattern;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Connectors;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

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

    /** Inventories, and the evidence read for their chosen VMs over the same sessions (null when not asked). */
    record Read(List<Inventory> inventories, FleetEvidence evidence) {
    }

    /** Every target's inventory, in order; options go to the connectors that take them. */
    List<Inventory> read(List<String> targets, ConnectorOptions options, Progress progress) {
        return read(targets, options, progress, null, null).inventories();
    }

    /**
     * Every target's inventory and, when {@code window} is given, what the logs of its VMs that
     * {@code vms} matches (all when null) say within it, read while the session is still open.
     */
    Read read(List<String> targets, ConnectorOptions options, Progress progress, EvidenceWindow window,
            VmNamePattern vms) {
        List<Connector> connectors = new ArrayList<>();
        for (String t : targets) {
            connectors.add(connectorFor(t));
        }
        options.requireUsedBy(connectors, installed);
        List<Inventory> inventories = new ArrayList<>();
        FleetEvidence.Builder evidence = window == null ? null : new FleetEvidence.Builder(window);
        for (int i = 0; i < targets.size(); i++) {
            Connector connector = connectors.get(i);
            try (Session session = open(connector, targets.get(i), options.forConnector(connector))) {
                Inventory inventory = session.inventory(progress);
                inventories.add(inventory);
                if (evidence != null) {
                    List<Vm> chosen = inventory.vms().stream()
                            .filter(vm -> vms == null || vms.matches(vm.name(), vm.id())).toList();
                    evidence.add(inventory.target(), session.evidence(chosen, window, progress));
                }
            } catch (ConnectorException e) {
                throw new InputError(e.getMessage(), e);
            }
        }
        return new Read(inventories, evidence == null ? null : evidence.build());
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
