package org.hvdiag.ui.internal.fix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.MonitorProgress;
import org.hvdiag.ui.internal.Sessions;

/** Restores the VMs of one push from its journals (one per connection), as `hvdiag undo JOURNAL` does. */
public final class UndoJob extends Job {
    private final Sessions sessions;
    private final List<AuditResults.JournalledPush> push;
    private final List<ApplyResult> outcome = new ArrayList<>();

    public UndoJob(Sessions sessions, List<AuditResults.JournalledPush> push) {
        super("Undoing the last push");
        this.sessions = sessions;
        this.push = List.copyOf(push);
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, getName(), push.size());
        for (AuditResults.JournalledPush p : push) {
            try (Session session = sessions.open(p.connection())) {
                JournalReader.Contents contents = JournalReader.read(p.journal());
                List<ApplyResult> r = session.undo(contents.entries(), new MonitorProgress(sub.split(1)));
                synchronized (outcome) {
                    outcome.addAll(r);
                }
            } catch (ConnectorException | IOException | RuntimeException e) {
                return Status.error("Undo of " + p.journal().getFileName() + " (" + p.connection().name() + ") failed: " + e.getMessage(), e);
            }
        }
        return Status.OK_STATUS;
    }

    public List<ApplyResult> outcome() {
        synchronized (outcome) {
            return List.copyOf(outcome);
        }
    }
}
