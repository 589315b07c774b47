package org.hvdiag.ui.internal.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.ui.internal.AuditResults;

class LogsReadTest {
    private static final EvidenceWindow WEEK = new EvidenceWindow(Instant.parse("2026-11-24T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), 8L << 20);

    @Test
    void noAuditYetSaysNothingAndAConfigurationOnlyAuditSaysSo() {
        assertEquals("", LogsRead.describe(AuditResults.Snapshot.EMPTY));
        AuditReport config = new AuditReport(List.of("lab"), List.of(), List.of(), List.of(), 1, 1);
        assertEquals("Logs not read in this audit: configuration only.",
                LogsRead.describe(new AuditResults.Snapshot(config, List.of(), List.of())));
    }

    @Test
    void countsWhatWasReadAndNamesTheConnectionsWhoseLogsFailed() {
        VmEvent crash = new VmEvent(OffsetDateTime.parse("2026-11-27T10:02:56Z"), "/a.vmx", "a",
                new EventKind.StoppedAbnormally("signal 11"), new EventSource("vmware.log", 35, -1), "");
        FleetEvidence read = new FleetEvidence.Builder(WEEK).add("lab", List.of(
                new VmEvidence("/a.vmx", "a", List.of(crash), List.of(), 10),
                new VmEvidence("/b.vmx", "b", List.of(), List.of("no vmware.log beside /b.vmx"), 0))).build();
        AuditReport report = new AuditReport(List.of("lab", "esx"), List.of(), List.of(), List.of(), 2, 1, Map.of(), read);
        assertEquals("Logs read from 2026-11-24 00:00 to 2026-12-01 00:00 UTC: 2 VMs, 1 events, 1 VM with abnormal stops; "
                + "notes on 1 VM's logs (see its timeline). esx: logs not read: datastore browser refused.",
                LogsRead.describe(new AuditResults.Snapshot(report, List.of(), List.of(), List.of("esx: logs not read: datastore browser refused"))));
    }
}
