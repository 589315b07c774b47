package org.hvdiag.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.JournalReader;

/**
 * libvirtd killed (SIGKILL) in the middle of a push that adds an xHCI controller to 50 domains.
 * After a restart, what libvirt holds (virsh dumpxml --inactive) agrees with the journal domain by
 * domain: every APPLIED one has the controller, every one never started does not, the one in hand
 * is as before or as planned; then undo puts every domain back.
 */
class PushKilledTest {
    static final int COUNT = 50;
    static final RuleEngine ENGINE = new RuleEngine(BuiltInRules.all());
    static SessionLibvirtd daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = SessionLibvirtd.start("kill");
        String template = Files.readString(LiveFixAndUndoTest.lab().resolve("win81-app-uhci.xml"));
        Path dir = Files.createDirectories(daemon.dir.resolve("fleet"));
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            String name = String.format("k%02d", i);
            Path f = dir.resolve(name + ".xml");
            Files.writeString(f, template.replace("<name>win81-app-uhci</name>", "<name>" + name + "</name>")
                    .replaceAll("<uuid>[^<]*</uuid>", String.format("<uuid>6b0f4c1e-1d6c-4c37-9f0a-1000000000%02d</uuid>", i)));
            daemon.define(f);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    static boolean hasXhci(String name) {
        return daemon.virsh("dumpxml", "--inactive", name).contains("model='qemu-xhci'");
    }

    @Test
    void journalAndDomainsAgreeAfterTheDaemonDies() throws Exception {
        Path file = daemon.dir.resolve("push.jsonl");
        List<ChangePlan> plans = new ArrayList<>();
        try (Session session = new LibvirtConnector().connect(Endpoint.of(daemon.uri()), Credentials.none())) {
            List<Finding> found = ENGINE.audit(List.of(session.inventory(Progress.NONE)), AuditSettings.DEFAULTS).findings()
                    .stream().filter(f -> f.ruleId().equals("usb-libvirt-prefer-xhci")).toList();
            plans.addAll(FixSelection.of(found, ENGINE.rules(), Set.of("usb-libvirt-prefer-xhci"), null).plans());
            assertEquals(COUNT, plans.size());
            Thread killer = new Thread(() -> {
                try {
                    // Kill once 20 domains have their intent journalled: in the middle of the push,
                    // at whatever call the 20th domain has reached.
                    while (!Files.exists(file) || Files.readString(file).split("\"type\":\"intent\"", -1).length <= 20) {
                        Thread.sleep(2);
                    }
                    daemon.kill();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            killer.start();
            List<ApplyResult> results;
            try (Journal journal = Journal.create(file, "libvirt", daemon.uri())) {
                results = session.apply(plans, journal, Progress.NONE);
            }
            killer.join();
            long applied = results.stream().filter(r -> r.outcome() == ApplyResult.Outcome.APPLIED).count();
            assertTrue(applied >= 19 && applied < COUNT, "the push stopped part way: " + applied + " applied");
            assertTrue(results.stream().anyMatch(r -> r.outcome() == ApplyResult.Outcome.SKIPPED
                    && r.detail().contains("stopped answering")), "the rest are not attempted once the daemon is gone");
        }
        daemon.restart();

        Map<String, JournalEntry> journalled = new HashMap<>();
        for (JournalEntry e : JournalReader.read(file).entries()) {
            journalled.put(e.vmName(), e);
        }
        int withXhci = 0;
        for (ChangePlan p : plans) {
            JournalEntry e = journalled.get(p.vmName());
            boolean has = hasXhci(p.vmName());
            withXhci += has ? 1 : 0;
            if (e == null) {
                assertTrue(!has, p.vmName() + " was never started on, and libvirt has it unchanged");
            } else if ("APPLIED".equals(e.outcome())) {
                assertTrue(has, p.vmName() + " is APPLIED in the journal and libvirt has the xHCI controller");
            }
            // FAILED or interrupted: the definition is as before or as planned; undo checks which.
        }
        assertTrue(withXhci >= 19, withXhci + " domains changed");

        try (Session session = new LibvirtConnector().connect(Endpoint.of(daemon.uri()), Credentials.none())) {
            List<ApplyResult> undone = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            for (ApplyResult r : undone) {
                assertTrue(r.outcome() != ApplyResult.Outcome.FAILED, r.vmName() + ": " + r.detail());
            }
        }
        for (ChangePlan p : plans) {
            assertTrue(!hasXhci(p.vmName()), p.vmName() + " is as before after undo");
        }
    }
}
