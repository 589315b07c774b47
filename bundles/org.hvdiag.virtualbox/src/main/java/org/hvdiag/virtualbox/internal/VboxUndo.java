package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.UndoOrder;
import org.hvdiag.core.model.Vm;

/**
 * Puts VMs back as a journal recorded them, newest entry first: CPUs, CPU hot-plug and memory get
 * their old values, controllers the fix added go and removed ones come back, and device filters
 * are rewritten in their old order when they differ. A VM changed since the fix is left alone.
 * <p>
 * An entry the push could not finish (killed, server gone, no after-state) is restored too when the
 * VM is not as before: VirtualBox's saveSettings writes a machine's settings all at once, so such a
 * VM is either untouched or exactly as the push left it.
 */
final class VboxUndo {
    private final WebSession ws;
    private final VboxInventory reader;

    VboxUndo(WebSession ws, VboxInventory reader) {
        this.ws = ws;
        this.reader = reader;
    }

    List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return UndoOrder.newestFirst(entries, progress,
                "Restoring " + entries.size() + " VMs on " + ws.web().url().hostAndPort(), this::undoOne);
    }

    private ApplyResult undoOne(JournalEntry e) {
        String json = e.beforeState().get(FactsJson.KEY);
        if (json == null) {
            return result(e, Outcome.FAILED, "the journal entry holds no VirtualBox before-state; not restored", null);
        }
        MachineFacts was;
        VboxInventory.Read now;
        try {
            was = FactsJson.read(json);
            now = reader.find(e.vmId());
        } catch (IOException | ConnectorException ex) {
            return result(e, Outcome.FAILED, "not restored: " + ex.getMessage(), null);
        }
        if (now == null) {
            return result(e, Outcome.FAILED, "the VM no longer exists; not restored", null);
        }
        Vm vm = now.vm();
        if (now.facts().sameSettings(was)) {
            return result(e, Outcome.SKIPPED, e.interrupted() ? "not changed by the interrupted push" : "already as before", vm);
        }
        // No after-state: the push lost the server with the change sent. saveSettings is all or
        // nothing, so such a VM is as before (handled above) or as planned, like an interrupted one.
        boolean afterUnknown = e.interrupted() || e.after().isEmpty();
        if (!afterUnknown && !readsAs(vm, e.after())) {
            return result(e, Outcome.FAILED, "changed since the fix; not restored", vm);
        }
        // VirtualBox adds one controller per type only: a second one of a type (a hand-edited file)
        // cannot come back over the API once a fix removed it. That part of undo is one-way.
        List<MachineFacts.Controller> oneWay = controllersThatCannotReturn(now.facts(), was);
        MachineFacts target = was.withControllers(was.controllers().stream().filter(c -> !oneWay.contains(c)).toList());
        String note = oneWay.isEmpty() ? "" : "; " + oneWayNote(oneWay);
        if (now.facts().sameSettings(target)) {
            return result(e, Outcome.SKIPPED, "not undone" + note, vm);
        }
        boolean running = !vm.powerState().isOff();
        List<EditStep> steps = new ArrayList<>();
        boolean needsOff = machineSteps(now.facts(), target, steps);
        filterSteps(now.facts(), target, steps);
        if (running && needsOff) {
            return result(e, Outcome.SKIPPED, vm.name() + " is " + now.facts().state() + ": power it off first", vm);
        }
        try (LockedMachine m = LockedMachine.lock(ws, now.ref(), running)) {
            for (EditStep s : steps) {
                s.run(m);
            }
            m.save();
        } catch (VboxFault f) {
            return result(e, Outcome.FAILED, "not restored: VirtualBox refused " + f.operation() + ": " + f.reason(), vm);
        } catch (ConnectorException | RuntimeException ex) {
            return result(e, Outcome.FAILED, "the restore was sent, but " + ex.getMessage() + "; check the VM", null);
        }
        try {
            VboxInventory.Read after = reader.read(now.ref());
            if (!after.facts().sameSettings(target)) {
                return result(e, Outcome.FAILED, "restored, but the VM does not read back as before", after.vm());
            }
            return result(e, Outcome.APPLIED, (afterUnknown ? "restored (the unfinished push had saved it)" : "restored")
                    + note, after.vm());
        } catch (ConnectorException ex) {
            return result(e, Outcome.FAILED, "restored, but it could not be read back: " + ex.getMessage(), null);
        }
    }

    /** Removed controllers whose type the VM will still have after undo: VirtualBox refuses to add those. */
    static List<MachineFacts.Controller> controllersThatCannotReturn(MachineFacts now, MachineFacts was) {
        java.util.Set<String> types = new java.util.HashSet<>();
        for (MachineFacts.Controller c : now.controllers()) {
            if (was.controllers().contains(c)) {
                types.add(c.type());
            }
        }
        List<MachineFacts.Controller> lost = new ArrayList<>();
        for (MachineFacts.Controller c : was.controllers()) {
            if (!now.controllers().contains(c) && !types.add(c.type())) {
                lost.add(c);
            }
        }
        return lost;
    }

    private static String oneWayNote(List<MachineFacts.Controller> lost) {
        List<String> names = new ArrayList<>();
        lost.forEach(c -> names.add(c.name() + " (" + c.type() + ")"));
        return "the removed controller " + String.join(", ", names) + " cannot come back: VirtualBox allows one USB "
                + "controller per type (a second one exists only in a hand-edited settings file); this part is one-way";
    }

    /** CPU, hot-plug, memory and controller steps; true when there are any (they need the VM off). */
    private static boolean machineSteps(MachineFacts now, MachineFacts was, List<EditStep> steps) {
        int before = steps.size();
        if (now.cpuHotPlug() != was.cpuHotPlug()) {
            steps.add(new EditStep.OnMachine("IMachine_setCPUHotPlugEnabled",
                    List.of("CPUHotPlugEnabled", Boolean.toString(was.cpuHotPlug())), "CPU hot-plug back to " + was.cpuHotPlug()));
        }
        if (now.cpuCount() != was.cpuCount()) {
            steps.add(new EditStep.OnMachine("IMachine_setCPUCount", List.of("CPUCount", Integer.toString(was.cpuCount())),
                    "vCPUs back to " + was.cpuCount()));
        }
        if (now.memoryMiB() != was.memoryMiB()) {
            steps.add(new EditStep.OnMachine("IMachine_setMemorySize", List.of("memorySize", Long.toString(was.memoryMiB())),
                    "memory back to " + was.memoryMiB() + " MiB"));
        }
        for (MachineFacts.Controller c : now.controllers()) {
            if (!was.controllers().contains(c)) {
                steps.add(new EditStep.OnMachine("IMachine_removeUSBController", List.of("name", c.name()),
                        "remove controller " + c.name()));
            }
        }
        for (MachineFacts.Controller c : was.controllers()) {
            if (!now.controllers().contains(c)) {
                steps.add(new EditStep.OnMachine("IMachine_addUSBController", List.of("name", c.name(), "type", c.type()),
                        "add controller " + c.name() + " back"));
            }
        }
        return steps.size() > before;
    }

    private static void filterSteps(MachineFacts now, MachineFacts was, List<EditStep> steps) {
        if (now.filters().equals(was.filters())) {
            return;
        }
        for (int i = now.filters().size() - 1; i >= 0; i--) {
            steps.add(new EditStep.RemoveFilter(i, "remove device filter " + i));
        }
        for (MachineFacts.Filter f : was.filters()) {
            steps.add(new EditStep.InsertFilter(f, f.position(), "put back device filter " + f.name()));
        }
    }

    /** Whether the VM reads as the journal's outcome line recorded it. */
    private static boolean readsAs(Vm vm, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return false;
        }
        for (VmField f : VmField.values()) {
            String want = fields.get(f.name());
            if (want != null && !f.read(vm).equals(want)) {
                return false;
            }
        }
        return true;
    }

    private static ApplyResult result(JournalEntry e, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(e.vmId(), e.vmName(), outcome, detail, vm);
    }
}
