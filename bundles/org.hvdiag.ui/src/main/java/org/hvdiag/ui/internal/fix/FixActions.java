package org.hvdiag.ui.internal.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import org.hvdiag.core.journal.JournalFolder;
import org.hvdiag.ui.internal.AuditJob;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Connections;
import org.hvdiag.ui.internal.Installed;
import org.hvdiag.ui.internal.Sessions;

/**
 * Apply and Undo as jobs: when one ends, its per-VM results are published and the connections it
 * touched are audited again, so the Findings view shows what holds now.
 */
public final class FixActions {
    private final Installed installed;
    private final Connections connections;
    private final AuditResults results;

    public FixActions(Installed installed, Connections connections, AuditResults results) {
        this.installed = installed;
        this.connections = connections;
        this.results = results;
    }

    public PushJob push(FixPreview preview) {
        results.beginPush();
        PushJob job = new PushJob(new Sessions(installed, connections), results, preview.plansByConnection(), JournalFolder.folder());
        whenDone(job, () -> results.publishOutcome(new AuditResults.Outcome("fix", job.outcome())),
                new ArrayList<>(preview.plansByConnection().keySet()));
        job.schedule();
        return job;
    }

    public Optional<UndoJob> undoLastPush() {
        List<AuditResults.JournalledPush> push = results.lastPush();
        if (push.isEmpty()) {
            return Optional.empty();
        }
        UndoJob job = new UndoJob(new Sessions(installed, connections), push);
        whenDone(job, () -> results.publishOutcome(new AuditResults.Outcome("undo", job.outcome())),
                push.stream().map(AuditResults.JournalledPush::connection).distinct().toList());
        job.schedule();
        return Optional.of(job);
    }

    private void whenDone(Job job, Runnable publish, List<Connection> touched) {
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                publish.run();
                AuditJob reaudit = new AuditJob(installed, connections, results, reauditTargets(touched));
                reaudit.schedule();
            }
        });
    }

    /** Every connection of the last audit, so a re-audit after a fix does not drop the others from view. */
    private List<Connection> reauditTargets(List<Connection> touched) {
        List<Connection> all = new ArrayList<>(results.current().connections());
        for (Connection c : touched) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return all;
    }
}
