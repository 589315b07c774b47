package org.hvdiag.cli.internal;

import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

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
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
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

    /**
     * Inventories in the order the targets were named, and the evidence read for their chosen VMs
     * over the same sessions (null when not asked). A target that could not be read (unreachable,
     * certificate refused, login refused) is an inventory with no VMs and one error naming it, so
     * reports list it beside the others; {@code failed} counts those.
     */
    record Read(List<Inventory> inventories, FleetEvidence evidence, int failed) {
        /** Every target failed: there is nothing to report but the failures. */
        boolean nothingRead() {
            return failed == inventories.size();
        }
    }

    /** One target's outcome, before the outcomes are put together in the targets' order. */
    private record TargetRead(Inventory inventory, List<VmEvidence> evidence, boolean failed) {
        static TargetRead failure(String target, String why) {
            return new TargetRead(new Inventory(target, null, List.of(), List.of(), List.of(new ObjectError(target, "", why))),
                    List.of(), true);
        }
    }

    /** Every target's inventory, read at most {@code atOnce} at a time; options go to the connectors that take them. */
    Read read(List<String> targets, ConnectorOptions options, StderrProgress progress, int atOnce) {
        return read(targets, options, progress, atOnce, null, null);
    }

    /**
     * Every target's inventory and, when {@code window} is given, what the logs of its VMs that
     * {@code vms} matches (all when null) say within it, read while the session is still open.
     * Targets are read at most {@code atOnce} at a time. What cannot be a target at all (no
     * connector reads it, an option none of them takes, no password to be had) is refused before
     * any target is read; a target that fails while being read is reported and the others read.
     */
    Read read(List<String> targets, ConnectorOptions options, StderrProgress progress, int atOnce, EvidenceWindow window,
            VmNamePattern vms) {
        List<Connector> connectors = new ArrayList<>();
        for (String t : targets) {
            connectors.add(connectorFor(t));
        }
        options.requireUsedBy(connectors, installed);
        // Asked before any read and one after another: prompts from reads running at once would
        // interleave on the terminal, and a missing password should stop the run before it starts.
        List<Credentials> credentials = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                credentials.add(connectors.get(i).descriptor().needsCredentials(targets.get(i))
                        ? credentialsFor(targets.get(i)) : Credentials.none());
            }
            boolean several = targets.size() > 1;
            List<Callable<TargetRead>> jobs = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                String target = targets.get(i);
                Connector connector = connectors.get(i);
                Credentials account = credentials.get(i);
                StderrProgress told = several ? progress.forTarget(target) : progress;
                jobs.add(() -> {
                    TargetRead r = readOne(connector, target, options.forConnector(connector), account, told, window, vms);
                    if (several) {
                        told.finished(r.failed() ? "not read: " + r.inventory().errors().get(0).message()
                                : "read, " + r.inventory().vms().size() + " VMs");
                    }
                    return r;
                });
            }
            List<TargetRead> reads = AtMostAtOnce.run(jobs, atOnce);
            List<Inventory> inventories = new ArrayList<>();
            FleetEvidence.Builder evidence = window == null ? null : new FleetEvidence.Builder(window);
            int failed = 0;
            for (TargetRead r : reads) {
                inventories.add(r.inventory());
                if (evidence != null) {
                    evidence.add(r.inventory().target(), r.evidence());
                }
                failed += r.failed() ? 1 : 0;
            }
            return new Read(inventories, evidence == null ? null : evidence.build(), failed);
        } finally {
            credentials.forEach(Credentials::clear);
        }
    }

    private static TargetRead readOne(Connector connector, String target, Map<String, String> options, Credentials credentials,
            Progress progress, EvidenceWindow window, VmNamePattern vms) {
        Session session;
        try {
            session = connector.connect(new Endpoint(target, options), credentials);
        } catch (ConnectorException e) {
            return TargetRead.failure(target, e.getMessage());
        } catch (RuntimeException e) {
            return TargetRead.failure(target, unexpected(e));
        } finally {
            credentials.clear();
        }
        try (session) {
            Inventory inventory = session.inventory(progress);
            if (window == null) {
                return new TargetRead(inventory, List.of(), false);
            }
            List<Vm> chosen = inventory.vms().stream().filter(vm -> vms == null || vms.matches(vm.name(), vm.id())).toList();
            try {
                return new TargetRead(inventory, session.evidence(chosen, window, progress), false);
            } catch (ConnectorException | RuntimeException e) {
                // The configuration was read: keep it, and say that the logs were not.
                List<ObjectError> errors = new ArrayList<>(inventory.errors());
                errors.add(new ObjectError(inventory.target(), "logs",
                        e instanceof ConnectorException ? e.getMessage() : unexpected(e)));
                return new TargetRead(new Inventory(inventory.target(), inventory.readAt(), inventory.hosts(), inventory.vms(),
                        errors), List.of(), false);
            }
        } catch (ConnectorException e) {
            return TargetRead.failure(target, e.getMessage());
        } catch (RuntimeException e) {
            return TargetRead.failure(target, unexpected(e));
        }
    }

    /** A connector's bug must not cost the other targets their report; it is named so it can be reported. */
    private static String unexpected(Exception e) {
        return "hvdiag failed reading it (" + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
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
