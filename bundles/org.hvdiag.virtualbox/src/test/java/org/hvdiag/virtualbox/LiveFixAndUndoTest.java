package org.hvdiag.virtualbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.RuleInfo;
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
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/**
 * For each fixable VirtualBox rule: fix one VM over the web service, re-audit (the finding is gone),
 * check the .vbox file the server saved says so too (read by the offline reader), undo (the VM is
 * as before). The server plays VirtualBox 6.1 with no extension pack, so the pack rule has work.
 */
class LiveFixAndUndoTest {
    static final String[] FIXABLE = {"cpu-vcpus-exceed-host-cores", "usb-autoconnect-on-server", "usb-duplicate-controller",
        "usb-ehci-and-xhci-windows", "usb-filter-matches-any", "usb-vbox-extpack-missing", "usb-xhci-guest-unsupported"};
    static final RuleEngine ENGINE = new RuleEngine(BuiltInRules.all());
    static final Set<String> USED = new HashSet<>();
    static VboxwebEndpoint server;
    static Path journals;
    static Path fleet;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("hvdiag-vbox-fix");
        fleet = VboxwebEndpoint.copyOfLab(dir);
        journals = dir.resolve("journals");
        server = VboxwebEndpoint.serving(fleet, "fix-and-undo").version("6.1.50")
                .options("--host-cores", "8", "--host-cpus", "8").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static Session connect() throws Exception {
        return new VirtualBoxConnector().connect(new Endpoint(server.target(), Map.of("extpacks", "none")),
                new Credentials(VboxwebEndpoint.USER, "x".toCharArray()));
    }

    @Test
    void theListCoversEveryFixableVirtualBoxRule() {
        Set<String> expected = new TreeSet<>();
        for (RuleInfo r : ENGINE.rules()) {
            if (r.fixable() && r.appliesTo().contains(HypervisorKind.VIRTUALBOX)) {
                expected.add(r.id());
            }
        }
        assertEquals(expected, new TreeSet<>(List.of(FIXABLE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-vcpus-exceed-host-cores", "usb-autoconnect-on-server", "usb-duplicate-controller",
        "usb-ehci-and-xhci-windows", "usb-filter-matches-any", "usb-vbox-extpack-missing", "usb-xhci-guest-unsupported"})
    void fixReauditUndo(String rule) throws Exception {
        try (Session session = connect()) {
            Inventory before = session.inventory(Progress.NONE);
            ChangePlan plan = planFor(rule, before);
            Vm vmBefore = vm(before, plan.vmId());
            Path file = journals.resolve(rule + ".jsonl");
            List<ApplyResult> results;
            try (Journal journal = Journal.create(file, "virtualbox", server.target())) {
                results = session.apply(List.of(plan), journal, Progress.NONE);
            }
            assertEquals(ApplyResult.Outcome.APPLIED, results.get(0).outcome(), results.get(0).detail());

            Inventory after = session.inventory(Progress.NONE);
            for (Finding f : audit(after).findings()) {
                assertFalse(f.ruleId().equals(rule) && plan.vmId().equals(f.vmId()), "still found after the fix: " + f.message());
            }
            Vm afterVm = vm(after, plan.vmId());
            Vm onDisk = savedFile(afterVm);
            for (VmField f : List.of(VmField.USB_CONTROLLERS, VmField.USB_FILTERS, VmField.VCPUS, VmField.MEMORY_MIB,
                    VmField.CPU_HOT_ADD)) {
                assertEquals(f.read(afterVm), f.read(onDisk), rule + ": the saved .vbox file agrees on " + f.label());
            }

            List<ApplyResult> undone = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            // VirtualBox adds one controller per type: the surplus one a hand-edited file held cannot come back.
            boolean oneWay = rule.equals("usb-duplicate-controller");
            assertEquals(oneWay ? ApplyResult.Outcome.SKIPPED : ApplyResult.Outcome.APPLIED, undone.get(0).outcome(),
                    undone.get(0).detail());
            if (oneWay) {
                assertTrue(undone.get(0).detail().contains("one USB controller per type"), undone.get(0).detail());
            }
            Vm restored = vm(session.inventory(Progress.NONE), plan.vmId());
            for (VmField f : VmField.values()) {
                if (!(oneWay && f == VmField.USB_CONTROLLERS)) {
                    assertEquals(f.read(vmBefore), f.read(restored), rule + ": " + f.label() + " after undo");
                }
            }
            List<ApplyResult> again = session.undo(JournalReader.read(file).entries(), Progress.NONE);
            assertEquals(ApplyResult.Outcome.SKIPPED, again.get(0).outcome(), "a second undo finds it as before");
        }
    }

    /** The VM as the offline reader finds its .vbox file: what the server saved, not what it says. */
    private static Vm savedFile(Vm live) throws Exception {
        try (Session files = new VirtualBoxConnector().connect(Endpoint.of(live.source()), Credentials.none())) {
            return files.inventory(Progress.NONE).vms().get(0);
        }
    }

    private static AuditReport audit(Inventory inventory) {
        return ENGINE.audit(List.of(inventory), AuditSettings.DEFAULTS);
    }

    private static ChangePlan planFor(String rule, Inventory inventory) {
        Map<String, Vm> vms = new java.util.HashMap<>();
        inventory.vms().forEach(v -> vms.put(v.id(), v));
        for (Finding f : audit(inventory).findings()) {
            if (!f.ruleId().equals(rule) || f.fix() == null || f.vmId() == null) {
                continue;
            }
            Vm vm = vms.get(f.vmId());
            synchronized (USED) {
                if (!vm.powerState().isOff() || USED.contains(vm.id())) {
                    continue;
                }
                USED.add(vm.id());
            }
            FixSelection selection = FixSelection.of(List.of(f), ENGINE.rules(), Set.of(rule), null);
            assertEquals(1, selection.plans().size(), rule + " on " + vm.name());
            assertTrue(selection.plans().get(0).changes().stream().noneMatch(c -> c instanceof ConfigChange.UpgradeHardwareVersion));
            return selection.plans().get(0);
        }
        throw new AssertionError("no powered-off VM with a fixable " + rule + " finding in examples/vbox-lab");
    }

    private static Vm vm(Inventory inventory, String id) {
        return inventory.vms().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("VM " + id + " is gone"));
    }
}
