package org.hvdiag.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/**
 * examples/libvirt-lab defined in a real session libvirtd: audit it, and for each fixable libvirt
 * rule fix one shut-off domain, re-audit (the finding is gone), check with virsh that libvirt holds
 * the new definition, undo, and check with virsh that the definition is byte for byte as before.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class LiveFixAndUndoTest {
    static final RuleEngine ENGINE = new RuleEngine(BuiltInRules.all());
    static SessionLibvirtd daemon;
    static Path journals;

    @BeforeAll
    static void start() throws Exception {
        daemon = SessionLibvirtd.start("fix");
        try (Stream<Path> files = Files.list(lab())) {
            for (Path p : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                daemon.define(p);
            }
        }
        journals = daemon.dir.resolve("journals");
    }

    static Path lab() {
        return Path.of(System.getProperty("hvdiag.repo", "../..")).resolve("examples/libvirt-lab");
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

    static Stream<String> fixableLibvirtRules() {
        return ENGINE.rules().stream().filter(r -> r.fixable() && r.appliesTo().contains(HypervisorKind.LIBVIRT))
                .map(RuleInfo::id).sorted();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void auditsTheLabAsLibvirtHasIt() throws Exception {
        try (Session session = connect()) {
            Inventory inv = session.inventory(Progress.NONE);
            assertTrue(inv.errors().isEmpty(), inv.errors().toString());
            Set<String> names = new TreeSet<>();
            inv.vms().forEach(v -> names.add(v.name()));
            Set<String> files = new TreeSet<>();
            try (Stream<Path> s = Files.list(lab())) {
                s.filter(p -> p.toString().endsWith(".xml")).forEach(p -> files.add(p.getFileName().toString().replace(".xml", "")));
            }
            assertEquals(files, names, "every defined domain, by name");
            for (Vm vm : inv.vms()) {
                assertEquals(PowerState.POWERED_OFF, vm.powerState(), vm.name());
                assertEquals(HypervisorKind.LIBVIRT, vm.kind());
                assertEquals(36, vm.id().length(), "a domain's id is its UUID: " + vm.id());
            }
            var host = inv.hosts().get(0);
            assertTrue(host.productVersion().startsWith("libvirt 9."), host.productVersion());
            assertTrue(host.newestHardwareVersion() != null && host.newestHardwareVersion().major() >= 7,
                    "the newest machine type from the capabilities of QEMU 7.2: " + host.newestHardwareVersion());
            Vm wide = inv.vms().stream().filter(v -> v.name().equals("rhel8-db-wide")).findFirst().orElseThrow();
            assertEquals(240, wide.vcpus());
            AuditReport report = ENGINE.audit(List.of(inv), AuditSettings.DEFAULTS);
            Set<String> rules = new TreeSet<>();
            report.findings().forEach(f -> rules.add(f.ruleId()));
            assertTrue(rules.containsAll(fixableLibvirtRules().toList()),
                    "the lab has work for every fixable libvirt rule; found " + rules);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.api.Order(2)
    @MethodSource("fixableLibvirtRules")
    void fixReauditUndo(String rule) throws Exception {
        try (Session session = connect()) {
            Inventory before = session.inventory(Progress.NONE);
            ChangePlan plan = planFor(rule, before);
            String name = plan.vmName();
            String xmlBefore = daemon.virsh("dumpxml", "--inactive", "--security-info", name);
            Path file = journals.resolve(rule + ".jsonl");
            List<ApplyResult> results;
            try (Journal journal = Journal.create(file, "libvirt", daemon.uri())) {
                results = session.apply(List.of(plan), journal, Progress.NONE);
            }
            assertEquals(ApplyResult.Outcome.APPLIED, results.get(0).outcome(), rule + ": " + results.get(0).detail());
            String xmlAfter = daemon.virsh("dumpxml", "--inactive", "--security-info", name);
            assertFalse(xmlBefore.equals(xmlAfter), rule + ": libvirt holds a new definition of " + name);
            for (Finding f : ENGINE.audit(List.of(session.inventory(Progress.NONE)), AuditSettings.DEFAULTS).findings()) {
                assertFalse(f.ruleId().equals(rule) && plan.vmId().equals(f.vmId()), "still found after the fix: " + f.message());
            }
            String journal = Files.readString(file);
            for (String secret : List.of("kiosk-console")) {
                assertFalse(journal.contains(secret), "the journal holds no console password");
            }

            List<ApplyResult> undone = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            boolean oneWay = rule.equals("hw-older-than-host");
            assertEquals(oneWay ? ApplyResult.Outcome.SKIPPED : ApplyResult.Outcome.APPLIED, undone.get(0).outcome(),
                    rule + ": " + undone.get(0).detail());
            String xmlUndone = daemon.virsh("dumpxml", "--inactive", "--security-info", name);
            if (oneWay) {
                assertTrue(undone.get(0).detail().contains("one-way"), undone.get(0).detail());
                assertEquals("", diff(xmlBefore.replaceAll("machine='[^']*'", ""), xmlUndone.replaceAll("machine='[^']*'", "")),
                        "everything but the machine type as before");
            } else {
                assertEquals("", diff(xmlBefore, xmlUndone), rule + ": virsh dumpxml --inactive of " + name + " after undo");
            }
            List<ApplyResult> again = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            assertEquals(ApplyResult.Outcome.SKIPPED, again.get(0).outcome(), "a second undo finds it as before");
        }
    }

    @Test
    void aRunningDomainKeepsItsDefinitionUntilShutDown() throws Exception {
        daemon.virsh("start", "win10-desk-ehci-xhci");
        try (Session session = connect()) {
            Inventory inv = session.inventory(Progress.NONE);
            Vm vm = inv.vms().stream().filter(v -> v.name().equals("win10-desk-ehci-xhci")).findFirst().orElseThrow();
            assertEquals(PowerState.POWERED_ON, vm.powerState());
            ChangePlan plan = planFor("usb-ehci-and-xhci-windows", inv);
            String before = daemon.virsh("dumpxml", "--inactive", "win10-desk-ehci-xhci");
            List<ApplyResult> r;
            try (Journal journal = Journal.create(journals.resolve("running.jsonl"), "libvirt", daemon.uri())) {
                r = session.apply(List.of(plan), journal, Progress.NONE);
            }
            assertEquals(ApplyResult.Outcome.SKIPPED, r.get(0).outcome());
            assertTrue(r.get(0).detail().contains("shut it down first"), r.get(0).detail());
            assertEquals(before, daemon.virsh("dumpxml", "--inactive", "win10-desk-ehci-xhci"), "nothing changed");
        } finally {
            daemon.virsh("destroy", "win10-desk-ehci-xhci");
        }
    }

    /**
     * diff -u of the two with each one's devices in sorted order, as an admin would compare them: empty
     * when both define the same. A redefined domain lists the same devices, but libvirt may order
     * its controllers differently.
     */
    static String diff(String a, String b) throws Exception {
        Path x = Files.writeString(Files.createTempFile(daemon.dir, "before", ".xml"), devicesSorted(a));
        Path y = Files.writeString(Files.createTempFile(daemon.dir, "after", ".xml"), devicesSorted(b));
        Process p = new ProcessBuilder("diff", "-u", x.toString(), y.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** The device elements (indented four spaces in virsh's output) sorted as blocks; all else as it is. */
    static String devicesSorted(String xml) {
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        List<String> blocks = new java.util.ArrayList<>();
        boolean inDevices = false;
        boolean after = false;
        for (String line : xml.lines().toList()) {
            if (!inDevices && !after) {
                head.append(line).append('\n');
                inDevices = line.strip().equals("<devices>");
            } else if (inDevices && line.strip().equals("</devices>")) {
                inDevices = false;
                after = true;
                tail.append(line).append('\n');
            } else if (inDevices) {
                if (line.startsWith("    <") && !line.startsWith("     ") && !line.startsWith("    </")) {
                    blocks.add("");
                }
                blocks.set(blocks.size() - 1, blocks.get(blocks.size() - 1) + line + "\n");
            } else {
                tail.append(line).append('\n');
            }
        }
        blocks.sort(null);
        return head + String.join("", blocks) + tail;
    }

    private static ChangePlan planFor(String rule, Inventory inventory) {
        Map<String, Vm> vms = new java.util.HashMap<>();
        inventory.vms().forEach(v -> vms.put(v.id(), v));
        for (Finding f : ENGINE.audit(List.of(inventory), AuditSettings.DEFAULTS).findings()) {
            if (f.ruleId().equals(rule) && f.fix() != null && f.vmId() != null) {
                FixSelection selection = FixSelection.of(List.of(f), ENGINE.rules(), Set.of(rule), null);
                assertEquals(1, selection.plans().size(), rule + " on " + vms.get(f.vmId()).name());
                return selection.plans().get(0);
            }
        }
        throw new AssertionError("no domain with a fixable " + rule + " finding in examples/libvirt-lab");
    }
}
