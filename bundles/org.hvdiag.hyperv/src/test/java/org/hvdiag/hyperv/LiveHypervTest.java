package org.hvdiag.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/**
 * The Hyper-V connector against the loopback WinRM endpoint over real WS-Management/HTTPS: the lab
 * read in one command, every fixable Hyper-V rule fixed, re-audited and undone where Hyper-V lets
 * it, the errors an admin meets, and the endpoint killed in the middle of a push.
 */
class LiveHypervTest {
    static final RuleEngine ENGINE = new RuleEngine(BuiltInRules.all());
    static final String[] FIXABLE = {"boot-linux-secure-boot-template", "cpu-hyperv-guest-vcpu-limit",
        "cpu-vcpus-exceed-host-cores", "hw-hyperv-below-8", "hw-older-than-host", "mem-dynamic-with-nested",
        "power-hard-poweroff", "tools-integration-services-off"};
    final HypervConnector connector = new HypervConnector();
    @TempDir
    Path temp;

    static Credentials admin(String password) {
        return new Credentials(WinrmEndpointProcess.USER, password.toCharArray());
    }

    static Session connect(HypervConnector c, WinrmEndpointProcess server) throws ConnectorException {
        return c.connect(new Endpoint(server.target(), Map.of(ConnectorOption.THUMBPRINT.name(), server.thumbprint())),
                admin(WinrmEndpointProcess.DEFAULT_PASSWORD));
    }

    static Vm named(Inventory inv, String name) {
        return inv.vms().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no VM " + name));
    }

    @Test
    void theLabIsReadInOneCommandWithTheHostsFacts() throws Exception {
        try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(WinrmEndpointProcess.copyOfLab(temp), "inventory").start();
                Session s = connect(connector, server)) {
            Inventory inv = s.inventory(Progress.NONE);
            assertEquals(List.of(), inv.errors());
            assertEquals(14, inv.vms().size());
            Host h = inv.hosts().get(0);
            assertEquals(HypervisorKind.HYPERV, h.kind());
            assertTrue(h.cpuThreads() > 0 && h.cpuCores() > 0 && h.memoryMiB() > 0, h.toString());
            assertEquals("10.0", String.valueOf(h.defaultHardwareVersion()));
            Vm odd = named(inv, "x'; Stop-Computer; '");
            assertTrue(odd.powerState().isOff(), "the VM whose name is PowerShell code is read like any other");
            String recorded = Files.readString(server.recording());
            assertEquals(1, count(recorded, "\"action\":\"Command\""), "one command reads the whole host");
            assertEquals(1, count(recorded, "\"action\":\"Create\""), "in one shell");
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theListCoversEveryFixableHypervRule() {
        Set<String> expected = new TreeSet<>();
        for (RuleInfo r : ENGINE.rules()) {
            if (r.fixable() && r.appliesTo().contains(HypervisorKind.HYPERV)) {
                expected.add(r.id());
            }
        }
        assertEquals(expected, new TreeSet<>(List.of(FIXABLE)));
    }

    /**
     * Fix the rule's first VM, re-audit, undo. A running VM whose fix needs it off is refused first;
     * then the admin shuts it down (the endpoint restarted with the VM off: Hyper-V then reports no
     * guest, hvdiag remembers it) and the same rule's fix applies.
     */
    @ParameterizedTest
    @ValueSource(strings = {"boot-linux-secure-boot-template", "cpu-hyperv-guest-vcpu-limit",
        "cpu-vcpus-exceed-host-cores", "hw-hyperv-below-8", "hw-older-than-host", "mem-dynamic-with-nested",
        "power-hard-poweroff", "tools-integration-services-off"})
    void fixReauditUndo(String rule) throws Exception {
        Path fleet = WinrmEndpointProcess.copyOfLab(temp);
        String shutDownFirst = null;
        try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(fleet, "fix-" + rule).start();
                Session s = connect(connector, server)) {
            Inventory before = s.inventory(Progress.NONE);
            ChangePlan plan = planFor(rule, before, null);
            Vm vmBefore = before.vms().stream().filter(v -> v.id().equals(plan.vmId())).findFirst().orElseThrow();
            boolean needsOff = plan.changes().stream()
                    .anyMatch(c -> connector.support(c) == org.hvdiag.core.change.ChangeSupport.POWERED_OFF_ONLY);
            if (!vmBefore.powerState().isOff() && needsOff) {
                List<ApplyResult> r;
                try (Journal j = Journal.create(temp.resolve(rule + "-running.jsonl"), "hyperv", server.target())) {
                    r = s.apply(List.of(plan), j, Progress.NONE);
                }
                assertEquals(Outcome.SKIPPED, r.get(0).outcome(), r.get(0).detail());
                assertTrue(r.get(0).detail().contains("shut it down first"), r.get(0).detail());
                shutDownFirst = vmBefore.id();
            } else {
                fixAndUndo(rule, s, server, plan, vmBefore);
            }
        }
        if (shutDownFirst != null) {
            shutDown(fleet, shutDownFirst);
            try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(fleet, "fix-" + rule + "-off").start();
                    Session s = connect(connector, server)) {
                Inventory before = s.inventory(Progress.NONE);
                ChangePlan plan = planFor(rule, before, shutDownFirst);
                Vm vmBefore = before.vms().stream().filter(v -> v.id().equals(plan.vmId())).findFirst().orElseThrow();
                assertTrue(vmBefore.powerState().isOff());
                assertTrue(vmBefore.raw("GuestOs").contains("last reported while running"),
                        "the guest seen running is remembered, and said so: " + vmBefore.raw("GuestOs"));
                fixAndUndo(rule, s, server, plan, vmBefore);
            }
        }
    }

    private static ChangePlan planFor(String rule, Inventory inventory, String vmId) {
        Finding finding = ENGINE.audit(List.of(inventory), AuditSettings.DEFAULTS).findings().stream()
                .filter(f -> f.ruleId().equals(rule) && f.fix() != null && (vmId == null || vmId.equals(f.vmId())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no fixable " + rule + " finding" + (vmId == null ? "" : " on " + vmId)));
        return FixSelection.of(List.of(finding), ENGINE.rules(), Set.of(rule), null).plans().get(0);
    }

    private void fixAndUndo(String rule, Session s, WinrmEndpointProcess server, ChangePlan plan, Vm vmBefore) throws Exception {
        Path journal = temp.resolve(rule + ".jsonl");
        List<ApplyResult> r;
        try (Journal j = Journal.create(journal, "hyperv", server.target())) {
            r = s.apply(List.of(plan), j, Progress.NONE);
        }
        assertEquals(Outcome.APPLIED, r.get(0).outcome(), r.get(0).detail());
        Inventory after = s.inventory(Progress.NONE);
        for (Finding f : ENGINE.audit(List.of(after), AuditSettings.DEFAULTS).findings()) {
            assertFalse(f.ruleId().equals(rule) && plan.vmId().equals(f.vmId()), "still found after the fix: " + f.message());
        }
        boolean upgrade = plan.changes().stream().anyMatch(c -> c instanceof ConfigChange.UpgradeHardwareVersion);
        List<ApplyResult> undone = s.undo(JournalReader.read(journal).entries(), Progress.NONE);
        if (upgrade) {
            assertEquals(Outcome.SKIPPED, undone.get(0).outcome(), undone.get(0).detail());
            assertTrue(undone.get(0).detail().contains("one-way"), undone.get(0).detail());
            return;
        }
        assertEquals(Outcome.APPLIED, undone.get(0).outcome(), undone.get(0).detail());
        Vm restored = named(s.inventory(Progress.NONE), vmBefore.name());
        for (VmField f : VmField.values()) {
            assertEquals(f.read(vmBefore), f.read(restored), rule + ": " + f.label() + " after undo");
        }
    }

    /** What shutting a VM down does to what Hyper-V reports: state Off, no guest from the KVP exchange. */
    private static void shutDown(Path fleet, String vmId) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(fleet.toFile());
        for (com.fasterxml.jackson.databind.JsonNode vm : root.get("VMs")) {
            if (vm.get("Id").asText().equals(vmId)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) vm).put("State", "Off");
                ((com.fasterxml.jackson.databind.node.ObjectNode) vm).putNull("GuestOs");
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(fleet.toFile(), root);
    }

    @Test
    void aRefusalMidwayIsReportedAsWhatReallyHolds() throws Exception {
        try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(WinrmEndpointProcess.copyOfLab(temp), "refused").start();
                Session s = connect(connector, server)) {
            Vm vm = named(s.inventory(Progress.NONE), "file-server-01");
            // The stop action is accepted, then Hyper-V refuses a maximum below the startup memory.
            ChangePlan plan = new ChangePlan(vm.id(), vm.name(), List.of("test"), List.<Precondition>of(), List.of(
                    new ConfigChange.SetAutomaticStopAction(org.hvdiag.core.model.PowerOffBehaviour.SAVE),
                    new ConfigChange.SetDynamicMemory(true, 512, vm.memoryMiB() / 2, 20)));
            List<ApplyResult> r;
            try (Journal j = Journal.create(temp.resolve("j.jsonl"), "hyperv", server.target())) {
                r = s.apply(List.of(plan), j, Progress.NONE);
            }
            assertEquals(Outcome.FAILED, r.get(0).outcome());
            assertTrue(r.get(0).detail().contains("partly applied"), r.get(0).detail());
            Vm now = named(s.inventory(Progress.NONE), "file-server-01");
            assertEquals(org.hvdiag.core.model.PowerOffBehaviour.SAVE, now.powerOffBehaviour(), "the first cmdlet committed");
            List<ApplyResult> undone = s.undo(JournalReader.read(temp.resolve("j.jsonl")).entries(), Progress.NONE);
            assertTrue(undone.get(0).outcome() != Outcome.FAILED, undone.get(0).detail());
            assertEquals(vm.powerOffBehaviour(), named(s.inventory(Progress.NONE), "file-server-01").powerOffBehaviour());
        }
    }

    @Test
    void aWrongPasswordAnUnknownCertificateAndNothingListeningEachSayWhatAndWhere() throws Exception {
        try (WinrmEndpointProcess server = WinrmEndpointProcess.serving(WinrmEndpointProcess.copyOfLab(temp), "errors").start()) {
            ConnectorException wrong = assertThrows(ConnectorException.class, () -> {
                try (Session s = connector.connect(new Endpoint(server.target(),
                        Map.of(ConnectorOption.THUMBPRINT.name(), server.thumbprint())), admin("not-the-password"))) {
                    s.inventory(Progress.NONE);
                }
            });
            assertTrue(wrong.getMessage().contains("127.0.0.1:" + server.port()), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("not-the-password"), wrong.getMessage());
            CertificateNotTrusted unknown = assertThrows(CertificateNotTrusted.class, () -> {
                try (Session s = connector.connect(Endpoint.of(server.target()), admin(WinrmEndpointProcess.DEFAULT_PASSWORD))) {
                    s.inventory(Progress.NONE);
                }
            });
            assertEquals(server.thumbprint(), unknown.thumbprint());
            assertFalse(Files.readString(server.recording()).contains(WinrmEndpointProcess.DEFAULT_PASSWORD),
                    "no password in the endpoint's recording");
        }
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ConnectorException refused = assertThrows(ConnectorException.class, () -> {
            try (Session s = connector.connect(Endpoint.of("winrm+https://Administrator@127.0.0.1:" + port),
                    admin("x"))) {
                s.inventory(Progress.NONE);
            }
        });
        assertTrue(refused.getMessage().contains("connection refused") && refused.getMessage().contains("127.0.0.1:" + port),
                refused.getMessage());
    }

    /** 200 VMs, the endpoint killed mid-push: the journal and the restarted host agree; undo restores all. */
    @Test
    void killedMidPushTheJournalAndTheHostAgree() throws Exception {
        Path fleet = WinrmEndpointProcess.generatedFleet(temp, 200);
        Path journal = temp.resolve("push.jsonl");
        Map<String, org.hvdiag.core.model.PowerOffBehaviour> before = new HashMap<>();
        List<ChangePlan> plans = new ArrayList<>();
        WinrmEndpointProcess first = WinrmEndpointProcess.serving(fleet, "killed-push").start();
        List<ApplyResult> results;
        try (Session s = connect(connector, first)) {
            for (Vm vm : s.inventory(Progress.NONE).vms()) {
                before.put(vm.id(), vm.powerOffBehaviour());
                org.hvdiag.core.model.PowerOffBehaviour next = vm.powerOffBehaviour() == org.hvdiag.core.model.PowerOffBehaviour.SAVE
                        ? org.hvdiag.core.model.PowerOffBehaviour.SOFT : org.hvdiag.core.model.PowerOffBehaviour.SAVE;
                plans.add(new ChangePlan(vm.id(), vm.name(), List.of("test"), List.<Precondition>of(),
                        List.of(new ConfigChange.SetAutomaticStopAction(next))));
            }
            assertEquals(200, plans.size());
            CompletableFuture<List<ApplyResult>> pushing = CompletableFuture.supplyAsync(() -> {
                try (Journal j = Journal.create(journal, "hyperv", first.target())) {
                    return s.apply(plans, j, Progress.NONE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (lines(journal) < 40 && System.nanoTime() < deadline && !pushing.isDone()) {
                Thread.sleep(5);
            }
            first.kill();
            results = pushing.get(180, TimeUnit.SECONDS);
        } finally {
            first.close();
        }
        long applied = results.stream().filter(r -> r.outcome() == Outcome.APPLIED).count();
        long skipped = results.stream().filter(r -> r.outcome() == Outcome.SKIPPED).count();
        assertTrue(applied > 0 && skipped > 0, "killed midway: " + applied + " applied, " + skipped + " skipped");
        List<JournalEntry> entries = JournalReader.read(journal).entries();
        Map<String, JournalEntry> byVm = new HashMap<>();
        entries.forEach(e -> byVm.put(e.vmId(), e));
        try (WinrmEndpointProcess second = WinrmEndpointProcess.serving(fleet, "killed-push-restarted").start();
                Session s = connect(connector, second)) {
            for (Vm vm : s.inventory(Progress.NONE).vms()) {
                JournalEntry e = byVm.get(vm.id());
                if (e == null) {
                    assertEquals(before.get(vm.id()), vm.powerOffBehaviour(), vm.name() + " was never reached");
                } else if ("APPLIED".equals(e.outcome())) {
                    assertTrue(before.get(vm.id()) != vm.powerOffBehaviour(), vm.name() + " is journalled as applied");
                }
            }
            List<ApplyResult> undone = s.undo(entries, Progress.NONE);
            assertTrue(undone.stream().noneMatch(r -> r.outcome() == Outcome.FAILED), undone.toString());
            for (Vm vm : s.inventory(Progress.NONE).vms()) {
                assertEquals(before.get(vm.id()), vm.powerOffBehaviour(), vm.name() + " after undo");
            }
        }
    }

    private static long lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var l = Files.lines(file)) {
            return l.count();
        }
    }
}
