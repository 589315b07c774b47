package org.hvdiag.ui.internal.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.journal.JournalFolder;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Audits;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Sessions;

/**
 * Apply and Undo as jobs: when one ends, its per-VM results are published and the connections it
 * touched are audited again, so the Findings view shows what holds now.
 */
@Component(service = FixActions.class)
public final class FixActions {
    private final Sessions sessions;
    private final Audits audits;
    private final AuditResults results;

    @Activate
    public FixActions(@Reference Sessions sessions, @Reference Audits audits, @Reference AuditResults results) {
        this.sessions = sessions;
        this.audits = audits;
        this.results = results;
    }

    /** Pushes the plans a preview let through (blocked VMs are not in it). */
    public PushJob push(Map<Connection, List<ChangePlan>> plans) {
        results.beginPush();
        PushJob job = new PushJob(sessions, results, plans, JournalFolder.folder());
        whenDone(job, () -> results.publishOutcome(new AuditResults.Outcome("fix", job.outcome())), new ArrayList<>(plans.keySet()));
        job.schedule();
        return job;
    }

    public boolean canUndo() {
        return !results.lastPush().isEmpty();
    }

    public Optional<UndoJob> undoLastPush() {
        List<AuditResults.JournalledPush> push = results.lastPush();
        if (push.isEmpty()) {
            return Optional.empty();
        }
        UndoJob job = new UndoJob(sessions, push);
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
                audits.start(reauditTargets(touched));
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
