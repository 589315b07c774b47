package org.hvdiag.ui.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

class RecentCrashesTest {
    private static final EvidenceWindow WEEK = new EvidenceWindow(Instant.parse("2026-11-24T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), 8L << 20);

    private static Vm vm(String name) {
        return Vm.builder("/vms/" + name + ".vmx", HypervisorKind.VMWARE_WORKSTATION).name(name).hardwareVersion(HardwareVersion.vmx(19))
                .build();
    }

    private static VmEvent event(Vm vm, String time, EventKind kind) {
        return new VmEvent(OffsetDateTime.parse(time), vm.id(), vm.name(), kind, new EventSource("vmware.log", 1, -1), "");
    }

    private final Vm build = vm("build");
    private final Vm kiosk = vm("kiosk");
    private final Vm web = vm("web");
    private final Vm sql = vm("sql");
    private final Vm unread = vm("unread");

    private RecentCrashes crashes() {
        FleetEvidence evidence = new FleetEvidence.Builder(WEEK).add("lab", List.of(
                new VmEvidence(build.id(), build.name(), List.of(
                        event(build, "2026-11-25T08:00:00Z", new EventKind.HardPowerOff("the user")),
                        event(build, "2026-11-26T08:00:00Z", new EventKind.PoweredOn()),
                        event(build, "2026-11-27T08:00:00Z", new EventKind.HardPowerOff("the user"))), List.of(), 100),
                new VmEvidence(kiosk.id(), kiosk.name(), List.of(
                        event(kiosk, "2026-11-28T09:12:07Z", new EventKind.StoppedAbnormally("Unexpected signal: 11.")),
                        event(kiosk, "2026-11-28T09:30:00Z", new EventKind.StoppedNormally("VMX has left the building: 0."))),
                        List.of(), 100),
                new VmEvidence(web.id(), web.name(), List.of(
                        event(web, "2026-11-29T07:00:00Z", new EventKind.PoweredOn()),
                        event(web, "2026-11-29T18:00:00Z", new EventKind.StoppedNormally("the guest shut down"))), List.of(), 100),
                new VmEvidence(sql.id(), sql.name(), List.of(), List.of("no vmware.log beside /vms/sql.vmx"), 0))).build();
        return new RecentCrashes(new AuditReport(List.of("lab"), List.of(), List.of(), List.of(), 4, 1, Map.of(), evidence));
    }

    @Test
    void countsAbnormalStopsOnlyAndTellsUnreadFromNone() {
        RecentCrashes c = crashes();
        assertEquals(2, c.count("lab", build), "two hard power-offs");
        assertEquals(1, c.count("lab", kiosk), "the crash, not the normal stop after it");
        assertEquals("0", c.text("lab", web), "read, no stop");
        assertEquals("", c.text("lab", unread), "not read is not zero");
        assertEquals("", c.text("lab", sql), "no log beside it: nothing known, not zero");
        assertEquals(-1, c.count("other-folder", kiosk), "VM ids are unique within one target only");
    }

    @Test
    void sortsMostCrashesFirstAndUnreadLast() {
        assertEquals(List.of("build", "kiosk", "web", "sql", "unread"),
                crashes().mostFirst("lab", List.of(unread, web, sql, kiosk, build)).stream().map(Vm::name).toList());
    }

    @Test
    void theTooltipGivesTheCountTheWindowAndTheLastStopInItsOwnWords() {
        RecentCrashes c = crashes();
        String tip = c.tooltip("lab", kiosk);
        assertTrue(tip.startsWith("1 abnormal stop in its logs from 2026-11-24T00:00:00Z to 2026-12-01T00:00:00Z"), tip);
        assertTrue(tip.endsWith("VM stopped abnormally: Unexpected signal: 11."), tip);
        assertTrue(c.tooltip("lab", web).startsWith("No abnormal stop in its logs from 2026-11-24"), c.tooltip("lab", web));
        assertEquals("Nothing read from the logs of sql: no vmware.log beside /vms/sql.vmx", c.tooltip("lab", sql));
        assertEquals("The logs of unread were not read", c.tooltip("lab", unread));
        assertEquals("Logs were not read in this audit", new RecentCrashes(
                new AuditReport(List.of("lab"), List.of(), List.of(), List.of(), 4, 1)).tooltip("lab", kiosk));
    }
}
