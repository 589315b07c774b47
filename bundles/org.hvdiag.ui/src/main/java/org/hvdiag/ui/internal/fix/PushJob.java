package org.hvdiag.ui.internal.fix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalFolder;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Sessions;

/**
 * Pushes the previewed plans, one journal per connection (the CLI's journal format, so
 * `hvdiag undo` can restore a push made here). Cancel stops before the next VM; the VMs not reached
 * are reported skipped, "cancelled".
 */
public final class PushJob extends Job {
    private final Sessions sessions;
    private final AuditResults results;
    private final Map<Connection, List<ChangePlan>> plans;
    private final Path journalFolder;
    private final List<ApplyResult> outcome = new ArrayList<>();

    public PushJob(Sessions sessions, AuditResults results, Map<Connection, List<ChangePlan>> plans, Path journalFolder) {
        super("Fixing " + plans.values().stream().mapToInt(List::size).sum() + " VM(s)");
        this.sessions = sessions;
        this.results = results;
        this.plans = plans;
        this.journalFolder = journalFolder;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, getName(), plans.size());
        for (Map.Entry<Connection, List<ChangePlan>> e : plans.entrySet()) {
            Connection c = e.getKey();
            Path file = JournalFolder.newFile(journalFolder);
            try (Session session = sessions.open(c); Journal journal = Journal.create(file, c.connectorId(), c.target())) {
                results.rememberPush(file, c);
                List<ApplyResult> r = session.apply(e.getValue(), journal, new org.hvdiag.ui.internal.MonitorProgress(sub.split(1)));
                synchronized (outcome) {
                    outcome.addAll(r);
                }
            } catch (ConnectorException | IOException | RuntimeException ex) {
                return Status.error("Push to " + c.name() + " failed: " + ex.getMessage(), ex);
            }
        }
        return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    /** Per VM: applied, skipped or failed, and why. */
    public List<ApplyResult> outcome() {
        synchronized (outcome) {
            return List.copyOf(outcome);
        }
    }
}
