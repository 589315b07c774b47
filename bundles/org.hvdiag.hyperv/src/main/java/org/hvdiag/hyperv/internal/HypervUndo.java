package org.hvdiag.hyperv.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Verification;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.UndoOrder;
import org.hvdiag.core.model.Vm;
import org.hvdiag.hyperv.HypervConnector;

/**
 * Puts VMs back as the journal recorded them, newest entry first, through the same change script as
 * a push. A VM changed since the fix is left alone: it must read as the journal's outcome recorded it,
 * or, for a push that never recorded an outcome (killed, host gone), differ from its before-state only
 * in settings the journalled plan named. Hyper-V applies cmdlets one by one, so such a VM may be
 * partly changed; undo restores whatever of it differs. A raised configuration version stays: it is
 * one-way.
 */
final class HypervUndo {
    private final HostScripts host;
    private final HypervConnector support = new HypervConnector();

    HypervUndo(HostScripts host) {
        this.host = host;
    }

    List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return UndoOrder.newestFirst(entries, progress, "Restoring " + entries.size() + " VMs on " + host.where(),
                this::undoOne);
    }

    private ApplyResult undoOne(JournalEntry e) {
        String json = e.beforeState().get(HypervPush.BEFORE_KEY);
        if (json == null) {
            return result(e, Outcome.FAILED, "the journal entry holds no Hyper-V before-state; not restored", null);
        }
        VmRecord was;
        HostScripts.VmRead now;
        try {
            was = HypervJsonReader.vm(json, "the journalled VM " + e.vmName());
            now = host.read(e.vmId());
        } catch (HypervJsonException | ConnectorException | IllegalArgumentException ex) {
            return result(e, Outcome.FAILED, "not restored: " + ex.getMessage(), null);
        }
        if (now == null) {
            return result(e, Outcome.FAILED, "the VM no longer exists on " + host.where() + "; not restored", null);
        }
        Vm vm = now.vm();
        RestorePlan restore;
        try {
            restore = RestorePlan.of(was, now.record());
        } catch (IllegalArgumentException ex) {
            return result(e, Outcome.FAILED, "not restored: " + ex.getMessage(), vm);
        }
        String note = restore.oneWay().isEmpty() ? "" : "; " + restore.oneWay();
        if (restore.changes().isEmpty()) {
            String as = e.interrupted() ? "not changed by the interrupted push" : "already as before";
            return result(e, Outcome.SKIPPED, restore.oneWay().isEmpty() ? as : "not undone: " + restore.oneWay(), vm);
        }
        String changedSince = changedSinceTheFix(e, was, now);
        if (changedSince != null) {
            return result(e, Outcome.FAILED, "changed since the fix (" + changedSince + "); not restored", vm);
        }
        if (!vm.powerState().isOff()) {
            for (ConfigChange c : restore.changes()) {
                if (support.support(c) == ChangeSupport.POWERED_OFF_ONLY) {
                    return result(e, Outcome.SKIPPED, vm.name() + " is " + now.record().state() + ": shut it down first ("
                            + c.describe() + " needs the VM off); not restored", vm);
                }
            }
        }
        HostScripts.ChangeEnd end;
        try {
            end = host.change(e.vmId(), restore.changes());
        } catch (ConnectorException | IllegalArgumentException ex) {
            return result(e, Outcome.FAILED, "the restore was sent, but " + ex.getMessage() + "; check the VM", null);
        }
        if (end instanceof HostScripts.ChangeEnd.Refused refused) {
            return afterRefusal(e, vm, restore, refused.message());
        }
        HostScripts.VmRead after = ((HostScripts.ChangeEnd.Done) end).after();
        List<String> unmet = Verification.unmet(vm, restore.changes(), after.vm());
        if (!unmet.isEmpty() || !RestorePlan.of(was, after.record()).changes().isEmpty()) {
            return result(e, Outcome.FAILED, "restored, but the VM does not read back as before"
                    + (unmet.isEmpty() ? "" : ": " + String.join("; ", unmet)), after.vm());
        }
        return result(e, Outcome.APPLIED, (e.interrupted() || e.after().isEmpty()
                ? "restored (the unfinished push had changed it)" : "restored") + note, after.vm());
    }

    /**
     * Null when undo may restore the VM. After a recorded outcome the VM must read as it did then; with
     * none, only settings the journalled plan named may differ from the before-state.
     */
    private static String changedSinceTheFix(JournalEntry e, VmRecord was, HostScripts.VmRead now) {
        boolean outcomeKnown = !e.interrupted() && !e.after().isEmpty();
        if (outcomeKnown) {
            String field = firstDifference(now.vm(), e.after());
            return field == null ? null : field + " is no longer as the fix left it";
        }
        String plan = e.beforeState().get(HypervPush.PLAN_KEY);
        if (plan == null) {
            return "the journal does not say which settings the unfinished push sent";
        }
        Set<String> touched;
        try {
            touched = RestorePlan.touchedBy(plan);
        } catch (JsonProcessingException ex) {
            return "the journalled plan cannot be read: " + ex.getOriginalMessage();
        }
        for (String setting : RestorePlan.differing(was, now.record())) {
            if (!touched.contains(setting)) {
                return setting + " differs from before, and the unfinished push did not send it";
            }
        }
        return null;
    }

    private static String firstDifference(Vm vm, Map<String, String> fields) {
        for (VmField f : VmField.values()) {
            String want = fields.get(f.name());
            if (want != null && !f.read(vm).equals(want)) {
                return f.label();
            }
        }
        return null;
    }

    private ApplyResult afterRefusal(JournalEntry e, Vm before, RestorePlan restore, String message) {
        String why = "not restored: Hyper-V refused: " + message;
        try {
            HostScripts.VmRead now = host.read(e.vmId());
            if (now == null) {
                return result(e, Outcome.FAILED, why + "; the VM no longer exists", null);
            }
            return result(e, Outcome.FAILED, why + "; " + PartlyApplied.describe(before, restore.changes(), now.vm()),
                    now.vm());
        } catch (ConnectorException ex) {
            return result(e, Outcome.FAILED, why + "; the VM could not be re-read (" + ex.getMessage() + "): check it", null);
        }
    }

    private static ApplyResult result(JournalEntry e, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(e.vmId(), e.vmName(), outcome, detail, vm);
    }
}
