package org.hvdiag.ui.internal;

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
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.model.Inventory;

/** Reads every connection's inventory and audits it with the installed rules, as a cancellable job. */
public final class AuditJob extends Job {
    public static final Object FAMILY = AuditJob.class;

    private final Sessions sessions;
    private final Installed installed;
    private final AuditResults results;
    private final List<Connection> targets;

    AuditJob(Sessions sessions, Installed installed, AuditResults results, List<Connection> targets) {
        super("Auditing " + targets.size() + " connection(s)");
        this.sessions = sessions;
        this.installed = installed;
        this.results = results;
        this.targets = List.copyOf(targets);
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        long started = System.nanoTime();
        SubMonitor sub = SubMonitor.convert(monitor, getName(), targets.size() * 10 + 1);
        List<Inventory> inventories = new ArrayList<>();
        List<Connection> read = new ArrayList<>();
        MultiStatus problems = new MultiStatus("org.hvdiag.ui", 0, "Some connections could not be read", null);
        for (Connection c : targets) {
            if (sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            try {
                inventories.add(sessions.inventory(c, new MonitorProgress(sub.split(10))));
                read.add(c);
            } catch (ConnectorException | RuntimeException e) {
                problems.add(Status.error(c.name() + ": " + e.getMessage(), e));
            }
        }
        if (sub.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        AuditReport report = new RuleEngine(installed.rules()).audit(inventories, AuditSettings.DEFAULTS);
        Timings.record("audit-ms", (System.nanoTime() - started) / 1_000_000);
        results.publish(new AuditResults.Snapshot(report, inventories, read));
        return problems.isOK() ? Status.OK_STATUS : problems;
    }
}
