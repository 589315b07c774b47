package org.hvdiag.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * The QEMU log a real session libvirtd writes (tools/session-libvirtd keeps it in DIR/home/k,
 * its XDG_CACHE_HOME): a domain started and then destroyed with virsh reads as powered on and hard
 * powered off, at the times libvirt wrote, found through the connection URI alone.
 */
class LiveEvidenceTest {
    static final String DOMAIN = "win2019-usbstick-live";
    static SessionLibvirtd daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = SessionLibvirtd.start("ev");
        daemon.define(LiveFixAndUndoTest.lab().resolve(DOMAIN + ".xml"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aStartedThenDestroyedDomainIsPoweredOnThenHardPoweredOffAtLibvirtsTimes() throws Exception {
        Instant beforeStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        daemon.virsh("start", DOMAIN);
        Instant started = Instant.now();
        Instant beforeDestroy = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        daemon.virsh("destroy", DOMAIN);
        Instant destroyed = Instant.now();

        try (Session session = new LibvirtConnector().connect(Endpoint.of(daemon.uri()), Credentials.none())) {
            Vm vm = session.inventory(Progress.NONE).vms().stream().filter(v -> v.name().equals(DOMAIN)).findFirst().orElseThrow();
            EvidenceWindow window = EvidenceWindow.last(Duration.ofHours(1), Instant.now());
            VmEvidence e = session.evidence(List.of(vm), window, Progress.NONE).get(0);
            List<VmEvent> events = e.events();
            assertEquals(2, events.size(), events + " " + e.notes());
            VmEvent on = events.get(0);
            VmEvent off = events.get(1);
            assertTrue(on.kind() instanceof EventKind.PoweredOn, on.toString());
            assertTrue(off.kind() instanceof EventKind.HardPowerOff, off.toString());
            assertTrue(!on.instant().isBefore(beforeStart) && !on.instant().isAfter(started), on.instant() + " outside "
                    + beforeStart + ".." + started);
            assertTrue(!off.instant().isBefore(beforeDestroy) && !off.instant().isAfter(destroyed), off.instant() + " outside "
                    + beforeDestroy + ".." + destroyed);
            assertTrue(off.rawLine().contains("shutting down, reason=destroyed"), off.rawLine());
            assertTrue(off.source().location().endsWith("home/k/libvirt/qemu/log/" + DOMAIN + ".log"), off.source().toString());
            assertEquals(vm.id(), off.vmId());
            assertTrue(e.hasAbnormalStop(), "a destroy is a stop the guest did not ask for");
        }
    }

    @Test
    void aFolderGivenByTheOptionThatHoldsNoLogSaysSo() throws Exception {
        Endpoint endpoint = new Endpoint(daemon.uri(), Map.of("qemu-log-folder", daemon.dir.resolve("nowhere").toString()));
        try (Session session = new LibvirtConnector().connect(endpoint, Credentials.none())) {
            Vm vm = session.inventory(Progress.NONE).vms().get(0);
            VmEvidence e = session.evidence(List.of(vm), EvidenceWindow.last(Duration.ofHours(1), Instant.now()), Progress.NONE).get(0);
            assertEquals(List.of(), e.events());
            assertTrue(e.notes().get(0).contains("nowhere") && e.notes().get(0).contains("does not exist"), e.notes().toString());
        }
    }
}
