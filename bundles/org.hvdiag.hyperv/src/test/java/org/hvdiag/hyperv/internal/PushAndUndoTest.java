package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.Vm;

/**
 * Push and undo against a host that behaves as the protocol says (ScriptedHost): what the admin reads
 * in the results, what the journal holds, and what the host's VMs end up as.
 */
class PushAndUndoTest {
    static final String A = "0b1f3c2a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
    static final String B = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
    static final String C = "2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6";

    @TempDir
    Path dir;
    ScriptedHost host;
    HypervSession session;

    @BeforeEach
    void fleet() {
        host = new ScriptedHost();
        host.add(ScriptedHost.vm(A, "web01")).put("AutomaticStopAction", "TurnOff");
        host.add(ScriptedHost.vm(B, "db01")).put("AutomaticStopAction", "TurnOff");
        host.add(ScriptedHost.vm(C, "app01")).put("AutomaticStopAction", "TurnOff");
        session = new HypervSession("winrm+https://admin@hv1.example", new HostScripts(host, "hv1.example"), () -> { });
    }

    private Vm vm(String id) throws Exception {
        return session.inventory(Progress.NONE).vms().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    private ChangePlan plan(String id, List<VmField> checked, ConfigChange... changes) throws Exception {
        return ChangePlan.of(vm(id), "test-rule", checked, List.of(changes));
    }

    private List<ApplyResult> push(Path journal, ChangePlan... plans) throws Exception {
        try (Journal j = Journal.create(journal, "hyperv", "winrm+https://admin@hv1.example")) {
            return session.apply(List.of(plans), j, Progress.NONE);
        }
    }

    private List<ApplyResult> undo(Path journal) throws Exception {
        return session.undo(JournalReader.read(journal).entries(), Progress.NONE);
    }

    private static void assertSameSettings(Vm before, Vm after) {
        for (VmField f : VmField.values()) {
            assertEquals(f.read(before), f.read(after), f.label());
        }
    }

    @Test
    void aFixIsSentJournalledVerifiedAndUndone() throws Exception {
        Vm before = vm(A);
        Path journal = dir.resolve("j.jsonl");
        List<ApplyResult> r = push(journal, plan(A, List.of(VmField.POWER_OFF_BEHAVIOUR),
                new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT), new ConfigChange.SetVcpus(4)));
        assertEquals(Outcome.APPLIED, r.get(0).outcome(), r.get(0).detail());
        assertEquals("set automatic stop action to ShutDown; set vCPUs to 4", r.get(0).detail());
        assertEquals("ShutDown", host.vms.get(A).get("AutomaticStopAction").asText());
        assertEquals(4, host.vms.get(A).get("ProcessorCount").asInt());
        JournalEntry e = JournalReader.read(journal).entries().get(0);
        assertEquals("TurnOff", ScriptedHost.JSON.readTree(e.beforeState().get(HypervPush.BEFORE_KEY))
                .get("AutomaticStopAction").asText(), "the journal holds the VM as Hyper-V printed it before");
        assertEquals("APPLIED", e.outcome());

        List<ApplyResult> u = undo(journal);
        assertEquals(Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
        assertSameSettings(before, vm(A));
        assertEquals(Outcome.SKIPPED, undo(journal).get(0).outcome(), "a second undo finds it as before");
    }

    @Test
    void aStalePlanIsSkippedAndNothingIsSent() throws Exception {
        ChangePlan p = plan(A, List.of(VmField.POWER_OFF_BEHAVIOUR), new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT));
        host.vms.get(A).put("AutomaticStopAction", "Save");
        List<ApplyResult> r = push(dir.resolve("j.jsonl"), p);
        assertEquals(Outcome.SKIPPED, r.get(0).outcome());
        assertTrue(r.get(0).detail().startsWith("the plan is stale"), r.get(0).detail());
        assertEquals("Save", host.vms.get(A).get("AutomaticStopAction").asText());
        assertTrue(JournalReader.read(dir.resolve("j.jsonl")).entries().isEmpty(), "no intent for a skipped VM");
    }

    @Test
    void aRunningVmIsSkippedForChangesThatNeedItOffButNotForTheStopAction() throws Exception {
        host.vms.get(A).put("State", "Running");
        List<ApplyResult> r = push(dir.resolve("j.jsonl"), plan(A, List.of(), new ConfigChange.SetVcpus(4)),
                plan(A, List.of(), new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT)));
        assertEquals(Outcome.SKIPPED, r.get(0).outcome());
        assertEquals("web01 is Running: shut it down first (set vCPUs to 4 needs the VM off); nothing changed", r.get(0).detail());
        assertEquals(2, host.vms.get(A).get("ProcessorCount").asInt());
        assertEquals(Outcome.APPLIED, r.get(1).outcome(), r.get(1).detail());
    }

    @Test
    void aRefusalMidwayReportsWhatARereadShowsWasAppliedAndUndoRestoresIt() throws Exception {
        Vm before = vm(A);
        host.refuseKind = "ProcessorCount";
        Path journal = dir.resolve("j.jsonl");
        List<ApplyResult> r = push(journal, plan(A, List.of(),
                new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT), new ConfigChange.SetVcpus(4),
                new ConfigChange.SetNestedVirtualization(true)));
        ApplyResult a = r.get(0);
        assertEquals(Outcome.FAILED, a.outcome());
        assertEquals("Hyper-V refused: Failed to modify device 'Processor'.; re-read: partly applied: set automatic "
                + "stop action to ShutDown; not applied: set vCPUs to 4; expose virtualization extensions to the guest "
                + "(nested virtualization)", a.detail());
        assertEquals(PowerOffBehaviour.SOFT, a.after().powerOffBehaviour(), "the result shows the VM as re-read");

        List<ApplyResult> u = undo(journal);
        assertEquals(Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
        assertSameSettings(before, vm(A));
    }

    @Test
    void aRefusalOfTheFirstChangeSaysNothingWasAppliedAfterARereadNotBefore() throws Exception {
        host.refuseKind = "AutomaticStopAction";
        ChangePlan p = plan(A, List.of(), new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT));
        int scriptsBefore = host.scripts.size();
        List<ApplyResult> r = push(dir.resolve("j.jsonl"), p);
        assertTrue(r.get(0).detail().endsWith("re-read: nothing of the plan was applied"), r.get(0).detail());
        assertEquals(3, host.scripts.size() - scriptsBefore, "re-read, change, re-read");
    }

    @Test
    void aLostConnectionMidChangeFailsThatVmAndSkipsTheRestAndUndoRestoresIt() throws Exception {
        Vm beforeA = vm(A);
        List<ChangePlan> plans = new ArrayList<>();
        for (String id : List.of(A, B, C)) {
            plans.add(plan(id, List.of(), new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT),
                    new ConfigChange.SetVcpus(3)));
        }
        host.loseConnectionAtChange = 1;
        Path journal = dir.resolve("j.jsonl");
        List<ApplyResult> r = push(journal, plans.toArray(ChangePlan[]::new));
        assertEquals(Outcome.FAILED, r.get(0).outcome());
        assertTrue(r.get(0).detail().contains("may or may not have changed"), r.get(0).detail());
        assertEquals(List.of(Outcome.SKIPPED, Outcome.SKIPPED), List.of(r.get(1).outcome(), r.get(2).outcome()));
        assertTrue(r.get(1).detail().contains("hv1.example:5986 stopped answering"), r.get(1).detail());
        List<JournalEntry> entries = JournalReader.read(journal).entries();
        assertEquals(1, entries.size(), "only the VM in hand has an intent");
        assertEquals("ShutDown", host.vms.get(A).get("AutomaticStopAction").asText(), "the host did make the change");

        ScriptedHost restarted = host;
        ScriptedHost fresh = new ScriptedHost();
        fresh.vms.putAll(restarted.vms);
        session = new HypervSession("t", new HostScripts(fresh, "hv1.example"), () -> { });
        List<ApplyResult> u = session.undo(entries, Progress.NONE);
        assertEquals(Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
        assertTrue(u.get(0).detail().contains("the unfinished push had changed it"), u.get(0).detail());
        assertSameSettings(beforeA, vm(A));
    }

    @Test
    void undoLeavesAVmChangedSinceTheFixAlone() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        push(journal, plan(A, List.of(), new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT)));
        host.vms.get(A).put("ProcessorCount", 8);
        List<ApplyResult> u = undo(journal);
        assertEquals(Outcome.FAILED, u.get(0).outcome());
        assertEquals("changed since the fix (vCPUs is no longer as the fix left it); not restored", u.get(0).detail());
        assertEquals("ShutDown", host.vms.get(A).get("AutomaticStopAction").asText());
    }

    @Test
    void undoOfAnUnfinishedPushRefusesAVmChangedInASettingThePushNeverSent() throws Exception {
        host.loseConnectionAtChange = 1;
        Path journal = dir.resolve("j.jsonl");
        push(journal, plan(A, List.of(), new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT)));
        ObjectNode a = host.vms.get(A);
        ScriptedHost fresh = new ScriptedHost();
        fresh.add(a).put("ProcessorCount", 6);
        session = new HypervSession("t", new HostScripts(fresh, "hv1.example"), () -> { });
        List<ApplyResult> u = undo(journal);
        assertEquals(Outcome.FAILED, u.get(0).outcome());
        assertTrue(u.get(0).detail().contains("ProcessorCount differs from before, and the unfinished push did not send it"),
                u.get(0).detail());
    }

    @Test
    void theVersionUpgradeIsOneWayAndUndoRestoresTheRest() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        List<ApplyResult> r = push(journal, plan(A, List.of(), new ConfigChange.SetVcpus(4),
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0))));
        assertEquals(Outcome.APPLIED, r.get(0).outcome(), r.get(0).detail());
        assertTrue(r.get(0).detail().contains("one-way"), r.get(0).detail());
        List<ApplyResult> u = undo(journal);
        assertEquals(Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
        assertTrue(u.get(0).detail().contains("the configuration version stays 10.0 (it was 9.0): Update-VMVersion is one-way"),
                u.get(0).detail());
        assertEquals(2, host.vms.get(A).get("ProcessorCount").asInt());
        assertEquals("10.0", host.vms.get(A).get("Version").asText());

        Path only = dir.resolve("only.jsonl");
        push(only, plan(B, List.of(), new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0))));
        List<ApplyResult> v = undo(only);
        assertEquals(Outcome.SKIPPED, v.get(0).outcome());
        assertTrue(v.get(0).detail().startsWith("not undone: the configuration version stays 10.0"), v.get(0).detail());
    }

    @Test
    void undoSkipsARunningVmWhenTheRestoreNeedsItOff() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        push(journal, plan(A, List.of(), new ConfigChange.SetVcpus(4)));
        host.vms.get(A).put("State", "Running");
        List<ApplyResult> u = undo(journal);
        assertEquals(Outcome.SKIPPED, u.get(0).outcome());
        assertEquals("web01 is Running: shut it down first (set vCPUs to 2 needs the VM off); not restored", u.get(0).detail());
        assertEquals(4, host.vms.get(A).get("ProcessorCount").asInt());
    }

    @Test
    void dynamicMemoryTurnedOffComesBackWithItsMinimumMaximumAndBuffer() throws Exception {
        host.vms.get(A).put("DynamicMemoryEnabled", true).put("MemoryMinimum", 1024 * ScriptedHost.MIB)
                .put("MemoryMaximum", 4096 * ScriptedHost.MIB).put("MemoryBuffer", 35).put("ExposeVirtualizationExtensions", true);
        Vm before = vm(A);
        Path journal = dir.resolve("j.jsonl");
        List<ApplyResult> r = push(journal, plan(A, List.of(VmField.DYNAMIC_MEMORY), ConfigChange.SetDynamicMemory.off()));
        assertEquals(Outcome.APPLIED, r.get(0).outcome(), r.get(0).detail());
        assertFalse(host.vms.get(A).get("DynamicMemoryEnabled").asBoolean());
        assertEquals(Outcome.APPLIED, undo(journal).get(0).outcome());
        assertSameSettings(before, vm(A));
    }

    @Test
    void aVmGoneFromTheHostIsReportedByName() throws Exception {
        ChangePlan p = plan(A, List.of(), new ConfigChange.SetVcpus(4));
        host.vms.remove(A);
        List<ApplyResult> r = push(dir.resolve("j.jsonl"), p);
        assertEquals(Outcome.FAILED, r.get(0).outcome());
        assertEquals("web01", r.get(0).vmName());
        assertEquals("the VM no longer exists on hv1.example:5986", r.get(0).detail());
    }

    @Test
    void aPlanTheModelRefusesIsNotSent() throws Exception {
        host.vms.get(A).put("Generation", 1).putNull("SecureBoot").putNull("SecureBootTemplate");
        int before = host.plans.size();
        List<ApplyResult> r = push(dir.resolve("j.jsonl"), plan(A, List.of(),
                new ConfigChange.SetSecureBootTemplate("MicrosoftUEFICertificateAuthority")));
        assertEquals(Outcome.FAILED, r.get(0).outcome());
        assertTrue(r.get(0).detail().startsWith("not changed: cannot set Secure Boot template"), r.get(0).detail());
        assertEquals(1, host.plans.size() - before, "only the re-read went to the host");
    }
}
