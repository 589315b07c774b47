package org.hvdiag.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

/**
 * A USB disk backed by a raw image, plugged into a running QEMU guest with virsh attach-device
 * --live --config, as an admin hands a guest a USB stick: hvdiag sees it on the running domain, its
 * fix takes it out of the definition while the guest keeps it (or detaches it live), undo puts it
 * back, and virsh's live and inactive XML confirm each step.
 */
class LiveHotplugTest {
    static final String DOMAIN = "win2019-usbstick-live";
    static final RuleEngine ENGINE = new RuleEngine(BuiltInRules.all());
    static SessionLibvirtd daemon;
    static Path disk;

    @BeforeAll
    static void start() throws Exception {
        daemon = SessionLibvirtd.start("hot");
        daemon.define(LiveFixAndUndoTest.lab().resolve(DOMAIN + ".xml"));
        daemon.virsh("start", DOMAIN);
        disk = daemon.usbStick();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Session connect() throws Exception {
        return new LibvirtConnector().connect(Endpoint.of(daemon.uri()), Credentials.none());
    }

    static Vm domain(Session s) throws Exception {
        return s.inventory(Progress.NONE).vms().stream().filter(v -> v.name().equals(DOMAIN)).findFirst().orElseThrow();
    }

    static boolean live(String dev) {
        return daemon.virsh("dumpxml", DOMAIN).contains("dev='" + dev + "'");
    }

    static boolean defined(String dev) {
        return daemon.virsh("dumpxml", "--inactive", DOMAIN).contains("dev='" + dev + "'");
    }

    @Test
    void aUsbStickOnARunningServerLeavesItsDefinitionButStaysPluggedIn() throws Exception {
        daemon.virsh("attach-device", DOMAIN, disk.toString(), "--live", "--config");
        try (Session session = connect()) {
            Vm vm = domain(session);
            assertEquals(PowerState.POWERED_ON, vm.powerState());
            UsbDevice stick = vm.usbDevices().stream().filter(d -> d.id().equals("disk[sdb]")).findFirst()
                    .orElseThrow(() -> new AssertionError("the hot-plugged USB disk is not seen: " + vm.usbDevices()));
            assertTrue(stick.autoConnect(), "attached with --config: it comes back at every start");
            assertTrue(stick.name().contains("stick.raw"), stick.name());

            Finding f = ENGINE.audit(List.of(session.inventory(Progress.NONE)), AuditSettings.DEFAULTS).findings().stream()
                    .filter(x -> x.ruleId().equals("usb-autoconnect-on-server") && x.vmName().equals(DOMAIN)).findFirst()
                    .orElseThrow(() -> new AssertionError("a server guest with a USB disk at every start is reported"));
            ChangePlan plan = FixSelection.of(List.of(f), ENGINE.rules(), Set.of(f.ruleId()), null).plans().get(0);
            assertEquals(List.of(new ConfigChange.SetAutoConnect("disk[sdb]", false)), plan.changes());

            Path file = daemon.dir.resolve("hot.jsonl");
            List<ApplyResult> r;
            try (Journal journal = Journal.create(file, "libvirt", daemon.uri())) {
                r = session.apply(List.of(plan), journal, Progress.NONE);
            }
            assertEquals(ApplyResult.Outcome.APPLIED, r.get(0).outcome(), r.get(0).detail());
            assertTrue(live("sdb"), "the running guest keeps the disk");
            assertFalse(defined("sdb"), "the definition no longer attaches it at start");
            assertTrue(ENGINE.audit(List.of(session.inventory(Progress.NONE)), AuditSettings.DEFAULTS).findings().stream()
                    .noneMatch(x -> x.ruleId().equals("usb-autoconnect-on-server") && x.vmName().equals(DOMAIN)));

            List<ApplyResult> u = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            assertEquals(ApplyResult.Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
            assertTrue(live("sdb") && defined("sdb"), "undo puts it back into the definition");
        } finally {
            daemon.virsh("detach-device", DOMAIN, disk.toString(), "--live", "--config");
        }
    }

    @Test
    void aUsbStickIsDetachedFromTheRunningGuestAndUndoPlugsItBackIn() throws Exception {
        daemon.virsh("attach-device", DOMAIN, disk.toString(), "--live");
        try (Session session = connect()) {
            Vm vm = domain(session);
            UsbDevice stick = vm.usbDevices().stream().filter(d -> d.id().equals("disk[sdb]")).findFirst().orElseThrow();
            assertFalse(stick.autoConnect(), "attached --live only: gone at the next start");
            ChangePlan plan = ChangePlan.of(vm, "usb-manual-detach", List.of(VmField.USB_DEVICES),
                    List.of(new ConfigChange.RemoveUsbDevice(stick.id(), stick.name())));
            Path file = daemon.dir.resolve("detach.jsonl");
            List<ApplyResult> r;
            try (Journal journal = Journal.create(file, "libvirt", daemon.uri())) {
                r = session.apply(List.of(plan), journal, Progress.NONE);
            }
            assertEquals(ApplyResult.Outcome.APPLIED, r.get(0).outcome(), r.get(0).detail());
            assertFalse(live("sdb"), "detached from the running guest");
            assertEquals(PowerState.POWERED_ON, domain(session).powerState(), "the guest runs on");

            List<ApplyResult> u = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            assertEquals(ApplyResult.Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
            assertTrue(live("sdb"), "undo plugs it back into the running guest");
            assertFalse(defined("sdb"), "and only there, as before");
        } finally {
            if (live("sdb")) {
                daemon.virsh("detach-device", DOMAIN, disk.toString(), "--live");
            }
        }
    }
}
