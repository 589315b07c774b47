package org.hvdiag.ui.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import org.hvdiag.ui.internal.evidence.EvidenceSetting;

/** Starts audits of connections; what they find goes to {@link AuditResults}, which every view follows. */
@Component(service = Audits.class)
public final class Audits {
    private final Sessions sessions;
    private final Installed installed;
    private final AuditResults results;
    private final EvidenceSetting evidence;

    @Activate
    public Audits(@Reference Sessions sessions, @Reference Installed installed, @Reference AuditResults results,
            @Reference EvidenceSetting evidence) {
        this.sessions = sessions;
        this.installed = installed;
        this.results = results;
        this.evidence = evidence;
    }

    /**
     * Schedules the audit of {@code connections}, with their logs over the period chosen now, as a
     * job and returns it (tests wait for it).
     */
    public AuditJob start(List<Connection> connections) {
        AuditJob job = new AuditJob(sessions, installed, results, connections, evidence.current());
        job.schedule();
        return job;
    }
}
