package org.hvdiag.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.NetworkFailure;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

/**
 * What a real session libvirtd sends while hvdiag's session is open: a USB disk plugged into a
 * running guest and pulled out again (virsh attach-device / detach-device --live, as an admin
 * hands a guest a USB stick) reads as USB connected and disconnected, named as the audit names the
 * disk; a destroy, which libvirt both logs and sends as an event, is one hard power-off.
 * <p>
 * Events arrive on their own thread after virsh returns, so the tests wait (up to a minute) for
 * the one they need; events on one connection arrive in the order the daemon sent them, so once a
 * later event is there, every earlier one is too.
 */
class LiveEventsTest {
    static final String DOMAIN = "win2019-usbstick-live";
    static SessionLibvirtd daemon;
    static Path disk;

    @BeforeAll
    static void start() throws Exception {
        daemon = SessionLibvirtd.start("evt");
        daemon.define(LiveFixAndUndoTest.lab().resolve(DOMAIN + ".xml"));
        disk = daemon.usbStick();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Session connect(Map<String, String> options) throws Exception {
        return new LibvirtConnector().connect(new Endpoint(daemon.uri(), options), Credentials.none());
    }

    /** A session that reads no QEMU log: what it shows came from the events alone. */
    static Session eventsOnly() throws Exception {
        return connect(Map.of("qemu-log-folder", daemon.dir.resolve("no-logs").toString()));
    }

    static Vm domain(Session s) throws Exception {
        return s.inventory(Progress.NONE).vms().stream().filter(v -> v.name().equals(DOMAIN)).findFirst().orElseThrow();
    }

    static VmEvidence evidence(Session s, Vm vm) throws ConnectorException {
        return s.evidence(List.of(vm), EvidenceWindow.last(Duration.ofHours(1), Instant.now()), Progress.NONE).get(0);
    }

    /** The evidence once {@code until} holds; fails with what was there after a minute. */
    static VmEvidence await(Session s, Vm vm, Predicate<List<VmEvent>> until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        VmEvidence e = evidence(s, vm);
        while (!until.test(e.events())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not received within a minute: " + e.events() + " " + e.notes());
            }
            Thread.sleep(100);
            e = evidence(s, vm);
        }
        return e;
    }

    static void stopIfRunning() {
        if (daemon.virsh("domstate", DOMAIN).strip().equals("running")) {
            daemon.virsh("destroy", DOMAIN);
        }
    }

    static long count(List<VmEvent> events, Class<? extends EventKind> kind) {
        return events.stream().filter(e -> kind.isInstance(e.kind())).count();
    }

    static boolean fromEvents(VmEvent e) {
        return e.source().location().equals("libvirt events on " + daemon.uri());
    }

    @Test
    void aUsbDiskPluggedInAndPulledOutThenADestroyReadAsConnectedDisconnectedAndOneHardPowerOff() throws Exception {
        try (Session session = connect(Map.of())) {
            daemon.virsh("start", DOMAIN);
            Vm vm = domain(session);
            Instant beforeAttach = Instant.now();
            daemon.virsh("attach-device", DOMAIN, disk.toString(), "--live");
            Instant attached = Instant.now();
            daemon.virsh("detach-device", DOMAIN, disk.toString(), "--live");
            daemon.virsh("destroy", DOMAIN);
            // A marker after the destroy: a second plug-in, which only the events have. Once it is
            // there, the destroy's STOPPED event (sent before it) has arrived and been judged.
            daemon.virsh("start", DOMAIN);
            daemon.virsh("attach-device", DOMAIN, disk.toString(), "--live");
            VmEvidence e = await(session, vm, ev -> count(ev, EventKind.UsbConnected.class) == 2);
            List<VmEvent> events = e.events();

            assertEquals(1, count(events, EventKind.HardPowerOff.class), "one destroy, one hard power-off: " + events);
            assertEquals(1, count(events, EventKind.UsbDisconnected.class), events.toString());
            assertEquals(2, count(events, EventKind.PoweredOn.class), "two starts: " + events);
            VmEvent off = events.stream().filter(x -> x.kind() instanceof EventKind.HardPowerOff).findFirst().orElseThrow();
            assertTrue(off.rawLine().contains("shutting down, reason=destroyed"), "the log's line is kept, not the event: " + off + " in " + events + " " + e.notes());

            VmEvent in = events.stream().filter(x -> x.kind() instanceof EventKind.UsbConnected).findFirst().orElseThrow();
            VmEvent out = events.stream().filter(x -> x.kind() instanceof EventKind.UsbDisconnected).findFirst().orElseThrow();
            UsbDeviceSeen stick = ((EventKind.UsbConnected) in.kind()).device();
            assertTrue(stick.name().startsWith("disk[sdb]: ") && stick.name().contains("stick.raw"), stick.name());
            assertEquals(UsbControllerType.XHCI, stick.controller(), "the domain's only USB controller is qemu-xhci");
            assertTrue(stick.sameDevice(((EventKind.UsbDisconnected) out.kind()).device()), "the same disk went away: " + out);
            assertTrue(fromEvents(in) && fromEvents(out), in.source() + " " + out.source());
            assertTrue(in.rawLine().startsWith("event 'device-added' for domain '" + DOMAIN + "': "), in.rawLine());
            assertTrue(out.source().line() > in.source().line(), "numbered in arrival order");
            assertTrue(!in.instant().isBefore(beforeAttach.minusMillis(1)), in.instant() + " before " + beforeAttach);
            assertEquals(vm.id(), in.vmId());
            assertEquals(DOMAIN, in.vmName());

            assertTrue(events.indexOf(in) < events.indexOf(out) && events.indexOf(out) < events.indexOf(off),
                    "oldest first: plugged in, pulled out, destroyed: " + events);
            for (int i = 1; i < events.size(); i++) {
                assertTrue(!events.get(i).instant().isBefore(events.get(i - 1).instant()), events.toString());
            }
            assertTrue(attached.isAfter(beforeAttach));
        } finally {
            stopIfRunning();
        }
    }

    @Test
    void withoutTheLogTheDestroyIsTheEventsHardPowerOffAndEventsAfterCloseAreNotKept() throws Exception {
        try (Session watching = eventsOnly()) {
            Session closed = eventsOnly();
            Vm vm = domain(watching);
            closed.close();
            daemon.virsh("start", DOMAIN);
            daemon.virsh("destroy", DOMAIN);
            VmEvidence e = await(watching, vm, ev -> count(ev, EventKind.HardPowerOff.class) == 1);
            VmEvent off = e.events().stream().filter(x -> x.kind() instanceof EventKind.HardPowerOff).findFirst().orElseThrow();
            assertEquals(new EventKind.HardPowerOff("libvirt destroy"), off.kind());
            assertTrue(fromEvents(off), off.source().toString());
            assertEquals("event 'lifecycle' for domain '" + DOMAIN + "': Stopped Destroyed", off.rawLine());
            assertEquals(1, count(e.events(), EventKind.PoweredOn.class), e.events().toString());
            assertTrue(e.notes().stream().anyMatch(n -> n.contains("no-logs")), "the missing log is still said: " + e.notes());

            // The JVM's one event loop delivered both events to 'watching'; the closed session kept none.
            VmEvidence after = evidence(closed, vm);
            assertEquals(List.of(), after.events().stream().filter(x -> fromEvents(x)).toList());
        }
    }

    @Test
    void theEventLoopOutlivesAKilledDaemonAndServesTheNextConnection() throws Exception {
        try (Session session = eventsOnly()) {
            Vm vm = domain(session);
            daemon.kill();
            ConnectorException lost = assertThrows(ConnectorException.class, () -> session.inventory(Progress.NONE));
            assertTrue(NetworkFailure.isConnectionLost(lost), lost.getMessage());
            assertTrue(lost.getMessage().contains(daemon.uri()), lost.getMessage());
            assertEquals(List.of(), evidence(session, vm).events(), "a session whose daemon died reads what it had: nothing");
        }
        daemon.restart();
        try (Session again = eventsOnly()) {
            Vm vm = domain(again);
            daemon.virsh("start", DOMAIN);
            VmEvidence e = await(again, vm, ev -> count(ev, EventKind.PoweredOn.class) == 1);
            assertTrue(fromEvents(e.events().get(0)), e.events().toString());
        } finally {
            stopIfRunning();
        }
    }
}
