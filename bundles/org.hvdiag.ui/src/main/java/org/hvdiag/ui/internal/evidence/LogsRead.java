package org.hvdiag.ui.internal.evidence;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.ui.internal.AuditResults;

/** The line under the Findings view's counts that says what the audit read of the VMs' logs. */
public final class LogsRead {
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private LogsRead() {
    }

    public static String describe(AuditResults.Snapshot snapshot) {
        AuditReport report = snapshot.report();
        if (report.targets().isEmpty()) {
            return "";
        }
        if (!report.hasEvidence()) {
            return "Logs not read in this audit: configuration only.";
        }
        FleetEvidence evidence = report.evidence();
        int events = 0;
        int stopped = 0;
        int noted = 0;
        for (VmEvidence vm : evidence.byVm().values()) {
            events += vm.events().size();
            stopped += vm.hasAbnormalStop() ? 1 : 0;
            noted += vm.notes().isEmpty() ? 0 : 1;
        }
        StringBuilder text = new StringBuilder("Logs read from ").append(DAY_TIME.format(evidence.window().from()))
                .append(" to ").append(DAY_TIME.format(evidence.window().to())).append(" UTC: ")
                .append(evidence.byVm().size()).append(" VMs, ").append(events).append(" events, ")
                .append(stopped).append(stopped == 1 ? " VM" : " VMs").append(" with abnormal stops");
        if (noted > 0) {
            text.append("; notes on ").append(noted).append(noted == 1 ? " VM's" : " VMs'").append(" logs (see its timeline)");
        }
        text.append('.');
        for (String note : snapshot.logNotes()) {
            text.append(' ').append(note).append('.');
        }
        return text.toString();
    }
}
