package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;
import org.hvdiag.virtualbox.VboxwebEndpoint;
import org.hvdiag.virtualbox.VirtualBoxConnector;

/** Pushes over the web service where VirtualBox says no, where the VM runs, and where the server dies. */
class LivePushTest {
    static final Credentials ADMIN = new Credentials(VboxwebEndpoint.USER, "x".toCharArray());
    final VirtualBoxConnector connector = new VirtualBoxConnector();
    @TempDir
    Path temp;

    static Vm named(Inventory inv, String name) {
        return inv.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    static ChangePlan plan(Vm vm, ConfigChange... changes) {
        return new ChangePlan(vm.id(), vm.name(), List.of("test"), List.<Precondition>of(), List.of(changes));
    }

    List<ApplyResult> push(Session s, Path journal, String target, ChangePlan... plans) throws Exception {
        try (Journal j = Journal.create(journal, "virtualbox", target)) {
            return s.apply(List.of(plans), j, Progress.NONE);
        }
    }

    @Test
    void aRefusalMidwayDiscardsTheChangesAlreadyMade() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "refused-midway").start();
                Session s = connector.connect(Endpoint.of(server.target()), ADMIN)) {
            Vm vm = named(s.inventory(Progress.NONE), "win7-accounting");
            // Memory is accepted, then VirtualBox refuses 65 vCPUs (its maximum is 64).
            List<ApplyResult> r = push(s, temp.resolve("j1.jsonl"), server.target(),
                    plan(vm, new ConfigChange.SetMemory(6144), new ConfigChange.SetVcpus(65)));
            assertEquals(Outcome.FAILED, r.get(0).outcome());
            assertTrue(r.get(0).detail().contains("VirtualBox refused IMachine_setCPUCount")
                    && r.get(0).detail().contains("nothing was saved"), r.get(0).detail());
            Vm now = named(s.inventory(Progress.NONE), "win7-accounting");
            assertEquals(vm.memoryMiB(), now.memoryMiB(), "the memory set before the refusal was discarded");
            assertEquals(vm.vcpus(), now.vcpus());
            MachineFacts onDisk = VboxFolder.read(Path.of(vm.source())).machines().get(0);
            assertEquals(vm.memoryMiB(), onDisk.memoryMiB(), "and never reached the .vbox file");
            List<ApplyResult> again = push(s, temp.resolve("j2.jsonl"), server.target(), plan(now, new ConfigChange.SetMemory(6144)));
            assertEquals(Outcome.APPLIED, again.get(0).outcome(), "the VM is not left locked: " + again.get(0).detail());
        }
    }

    @Test
    void aRunningVmTakesFilterChangesButNotControllerChanges() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "running-push").running("ubuntu-classroom-07").start();
                Session s = connector.connect(Endpoint.of(server.target()), ADMIN)) {
            Vm vm = named(s.inventory(Progress.NONE), "ubuntu-classroom-07");
            String filter = vm.usbFilters().get(0).id();
            List<ApplyResult> r = push(s, temp.resolve("j.jsonl"), server.target(),
                    plan(vm, new ConfigChange.RemoveUsbController("EHCI", org.hvdiag.core.model.UsbControllerType.EHCI)));
            assertEquals(Outcome.SKIPPED, r.get(0).outcome());
            assertTrue(r.get(0).detail().contains("power it off first"), r.get(0).detail());
            r = push(s, temp.resolve("j2.jsonl"), server.target(), plan(vm, new ConfigChange.SetAutoConnect(filter, false)));
            assertEquals(Outcome.APPLIED, r.get(0).outcome(), r.get(0).detail());
            assertTrue(named(s.inventory(Progress.NONE), "ubuntu-classroom-07").usbFilters().stream().noneMatch(f -> f.active()));
        }
    }

    @Test
    void aVmLockedByAnotherSessionIsSkippedAndLeftAlone() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (VboxwebEndpoint server = VboxwebEndpoint.serving(fleet, "locked-elsewhere").start();
                Session s = connector.connect(Endpoint.of(server.target()), ADMIN);
                VboxWeb otherWire = new VboxWeb(VboxUrl.parse(server.target()), "");
                WebSession other = WebSession.logon(otherWire, ADMIN)) {
            Vm vm = named(s.inventory(Progress.NONE), "winxp-cnc");
            String machine = otherWire.call("IVirtualBox_findMachine", "_this", other.virtualBox(), "nameOrId", vm.id()).value();
            try (LockedMachine held = LockedMachine.lock(other, machine, false)) {
                List<ApplyResult> r = push(s, temp.resolve("j.jsonl"), server.target(), plan(vm, new ConfigChange.SetVcpus(2)));
                assertEquals(Outcome.SKIPPED, r.get(0).outcome());
                assertTrue(r.get(0).detail().contains("locked by another session"), r.get(0).detail());
                assertNotNull(held);
            }
            assertEquals(vm.vcpus(), named(s.inventory(Progress.NONE), "winxp-cnc").vcpus());
        }
    }

    @Test
    void aFixToAVboxFileIsRefusedNamingTheWebService() throws Exception {
        Path fleet = VboxwebEndpoint.copyOfLab(temp);
        try (Session s = connector.connect(Endpoint.of(fleet.toString()), Credentials.none())) {
            Vm vm = named(s.inventory(Progress.NONE), "winxp-cnc");
            List<ApplyResult> r = push(s, temp.resolve("j.jsonl"), fleet.toString(), plan(vm, new ConfigChange.SetVcpus(2)));
            assertTrue(r.get(0).outcome() != Outcome.APPLIED);
            assertTrue(r.get(0).detail().contains("vbox://"), r.get(0).detail());
        }
    }

    /**
     * 300 VMs, the server killed mid-push: after a restart from its .vbox files, every VM the journal
     * says was changed is changed, every VM it never reached is not, and undo puts all back.
     */
    @Test
    void killedMidPushTheJournalAndTheServerAgreeAndUndoRestores() throws Exception {
        Path fleet = temp.resolve("fleet");
        Process gen = new ProcessBuilder("bash", VboxwebEndpoint.repo().resolve("tools/vboxweb-endpoint/run").toString(),
                "generate", "--from", VboxwebEndpoint.repo().resolve("examples/vbox-lab").toString(), "--count", "300",
                "--into", fleet.toString()).inheritIO().start();
        assertTrue(gen.waitFor(180, TimeUnit.SECONDS) && gen.exitValue() == 0, "the fleet generator ran");
        Path journal = temp.resolve("push.jsonl");
        Map<String, Long> memoryBefore = new HashMap<>();
        List<ChangePlan> plans = new ArrayList<>();
        VboxwebEndpoint first = VboxwebEndpoint.serving(fleet, "killed-push").start();
        List<ApplyResult> results;
        try (Session s = connector.connect(Endpoint.of(first.target()), ADMIN)) {
            for (Vm vm : s.inventory(Progress.NONE).vms()) {
                memoryBefore.put(vm.id(), vm.memoryMiB());
                plans.add(plan(vm, new ConfigChange.SetMemory(vm.memoryMiB() + 4)));
            }
            assertEquals(300, plans.size());
            CompletableFuture<List<ApplyResult>> pushing = CompletableFuture.supplyAsync(() -> {
                try {
                    return push(s, journal, first.target(), plans.toArray(new ChangePlan[0]));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines(journal) < 60 && System.nanoTime() < deadline && !pushing.isDone()) {
                Thread.sleep(5);
            }
            first.kill();
            results = pushing.get(120, TimeUnit.SECONDS);
        } finally {
            first.close();
        }
        long applied = results.stream().filter(r -> r.outcome() == Outcome.APPLIED).count();
        long skipped = results.stream().filter(r -> r.outcome() == Outcome.SKIPPED).count();
        assertTrue(applied > 0 && skipped > 0, "killed midway: " + applied + " applied, " + skipped + " skipped");
        List<JournalEntry> entries = JournalReader.read(journal).entries();
        Map<String, JournalEntry> byVm = new HashMap<>();
        entries.forEach(e -> byVm.put(e.vmId(), e));

        try (VboxwebEndpoint second = VboxwebEndpoint.serving(fleet, "killed-push-restarted").start();
                Session s = connector.connect(Endpoint.of(second.target()), ADMIN)) {
            for (Vm vm : s.inventory(Progress.NONE).vms()) {
                long was = memoryBefore.get(vm.id());
                JournalEntry e = byVm.get(vm.id());
                if (e == null) {
                    assertEquals(was, vm.memoryMiB(), vm.name() + " was never reached, so it is unchanged");
                } else if ("APPLIED".equals(e.outcome())) {
                    assertEquals(was + 4, vm.memoryMiB(), vm.name() + " is journalled as applied");
                } else {
                    assertTrue(vm.memoryMiB() == was || vm.memoryMiB() == was + 4,
                            vm.name() + " was in hand when the server died: as before or as planned, never between");
                }
            }
            List<ApplyResult> undone = s.undo(entries, Progress.NONE);
            assertTrue(undone.stream().noneMatch(r -> r.outcome() == Outcome.FAILED), undone.toString());
            for (Vm vm : s.inventory(Progress.NONE).vms()) {
                assertEquals((long) memoryBefore.get(vm.id()), vm.memoryMiB(), vm.name() + " after undo");
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
