package org.hvdiag.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.ui.internal.evidence.EvidencePeriod;

/**
 * Reads every connection's inventory and, when a log period is chosen, what its VMs' hypervisor
 * logs say over that period, through the same session; then audits both with the installed rules,
 * as a cancellable job. A connection whose logs cannot be read is still audited for its
 * configuration, with a note saying why its logs are missing.
 */
public final class AuditJob extends Job {
    public static final Object FAMILY = AuditJob.class;

    private final Sessions sessions;
    private final Installed installed;
    private final AuditResults results;
    private final List<Connection> targets;
    private final EvidencePeriod period;

    AuditJob(Sessions sessions, Installed installed, AuditResults results, List<Connection> targets, EvidencePeriod period) {
        super("Auditing " + targets.size() + " connection(s)");
        this.sessions = sessions;
        this.installed = installed;
        this.results = results;
        this.targets = List.copyOf(targets);
        this.period = period;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        long started = System.nanoTime();
        EvidenceWindow window = period.window(Instant.now());
        SubMonitor sub = SubMonitor.convert(monitor, getName(), targets.size() * 10 + 1);
        List<Inventory> inventories = new ArrayList<>();
        List<Connection> read = new ArrayList<>();
        List<String> logNotes = new ArrayList<>();
        FleetEvidence.Builder evidence = window == null ? null : new FleetEvidence.Builder(window);
        MultiStatus problems = new MultiStatus("org.hvdiag.ui", 0, "Some connections could not be read", null);
        for (Connection c : targets) {
            if (sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            // Inventory and logs share one session: one login, and the logs are of the VMs just read.
            SubMonitor part = sub.split(10);
            part.setWorkRemaining(window == null ? 10 : 16);
            try (Session s = sessions.open(c)) {
                Inventory inventory = s.inventory(new MonitorProgress(part.split(10)));
                inventories.add(inventory);
                read.add(c);
                if (evidence != null) {
                    readLogs(c, s, inventory, window, part.split(6), evidence, logNotes);
                }
            } catch (ConnectorException | RuntimeException e) {
                problems.add(Status.error(c.name() + ": " + e.getMessage(), e));
            }
        }
        if (sub.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        AuditReport report = new RuleEngine(installed.rules()).audit(inventories, AuditSettings.DEFAULTS,
                evidence == null ? null : evidence.build());
        Timings.record("audit-ms", (System.nanoTime() - started) / 1_000_000);
        results.publish(new AuditResults.Snapshot(report, inventories, read, logNotes));
        return problems.isOK() ? Status.OK_STATUS : problems;
    }

    /** One connection's logs; a failure costs that connection its evidence, not its audit. */
    private static void readLogs(Connection c, Session s, Inventory inventory, EvidenceWindow window, IProgressMonitor monitor,
            FleetEvidence.Builder evidence, List<String> logNotes) {
        try {
            evidence.add(inventory.target(), s.evidence(inventory.vms(), window, new MonitorProgress(monitor)));
        } catch (ConnectorException | RuntimeException e) {
            logNotes.add(c.name() + ": logs not read: " + e.getMessage());
        }
    }
}
