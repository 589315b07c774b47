package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Verification;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.NetworkFailure;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.model.Vm;
import org.hvdiag.virtualbox.VirtualBoxConnector;

/**
 * Applies plans one VM after the other (the websession has one ISession, and a machine is changed
 * only while that session holds its lock): per VM, re-read it, refuse a stale plan or a running VM
 * for changes that need it off, journal its before-state (synced) before locking, make the changes
 * on the mutable machine, saveSettings, unlock, re-read and check every change with core's
 * verifier. A refusal after the lock discards the session's changes: never a half-saved VM.
 * <p>
 * When the server stops answering, the VM in hand is FAILED with "may or may not have changed"
 * (its intent stays in the journal for undo to check) and the rest are SKIPPED without an intent.
 */
final class VboxPush {
    private final WebSession ws;
    private final VboxInventory reader;
    private final VirtualBoxConnector support = new VirtualBoxConnector();
    private boolean serverGone;

    VboxPush(WebSession ws, VboxInventory reader) {
        this.ws = ws;
        this.reader = reader;
    }

    List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        progress.begin("Applying changes to " + plans.size() + " VMs on " + ws.web().url().hostAndPort(), plans.size());
        List<ApplyResult> results = new ArrayList<>();
        for (ChangePlan plan : plans) {
            if (progress.isCanceled()) {
                results.add(result(plan, Outcome.SKIPPED, "cancelled", null));
            } else if (serverGone) {
                results.add(result(plan, Outcome.SKIPPED, "not attempted: the server stopped answering", null));
            } else {
                results.add(applyOne(plan, journal));
            }
            progress.worked(1);
        }
        return results;
    }

    private ApplyResult applyOne(ChangePlan plan, Journal journal) {
        VboxInventory.Read before;
        try {
            before = reader.find(plan.vmId());
        } catch (ConnectorException e) {
            return lost(plan, false, e);
        }
        if (before == null) {
            return result(plan, Outcome.FAILED, "the VM no longer exists on " + ws.web().url().hostAndPort(), null);
        }
        Vm vm = before.vm();
        String stale = plan.violation(vm);
        if (stale != null) {
            return result(plan, Outcome.SKIPPED, "the plan is stale: " + stale, vm);
        }
        boolean running = !vm.powerState().isOff();
        if (running) {
            for (ConfigChange c : plan.changes()) {
                if (support.support(c) == ChangeSupport.POWERED_OFF_ONLY) {
                    return result(plan, Outcome.SKIPPED, vm.name() + " is " + before.facts().state() + ": power it off first ("
                            + c.describe() + " needs the VM off)", vm);
                }
            }
        }
        List<EditStep> steps;
        try {
            // A plan the model refuses would fail the verifier after the change: refuse it before.
            ChangePreview.apply(vm, plan.changes());
            steps = MachineEdits.of(vm, plan.changes());
        } catch (IllegalArgumentException e) {
            return result(plan, Outcome.FAILED, "not changed: " + e.getMessage(), vm);
        }
        int seq;
        try {
            seq = journal.recordIntent(plan, vm, Map.of(FactsJson.KEY, FactsJson.write(before.facts())));
        } catch (IOException e) {
            return result(plan, Outcome.FAILED, "not changed: the journal could not be written (" + e.getMessage() + ")", vm);
        }
        ApplyResult outcome = change(plan, before, steps, running);
        try {
            journal.recordOutcome(seq, outcome, Map.of());
        } catch (IOException e) {
            outcome = result(plan, outcome.outcome(), outcome.detail() + " (the journal outcome could not be written: "
                    + e.getMessage() + ")", outcome.after());
        }
        return outcome;
    }

    private ApplyResult change(ChangePlan plan, VboxInventory.Read before, List<EditStep> steps, boolean running) {
        Vm vm = before.vm();
        LockedMachine m;
        try {
            m = LockedMachine.lock(ws, before.ref(), running);
        } catch (VboxFault f) {
            return result(plan, Outcome.SKIPPED, vm.name() + " is locked by another session (the VirtualBox GUI, "
                    + "VBoxManage or a running VM holds it); nothing changed: " + f.reason(), vm);
        } catch (ConnectorException | RuntimeException e) {
            return lost(plan, false, e);
        }
        try (m) {
            for (EditStep step : steps) {
                step.run(m);
            }
            m.save();
        } catch (VboxFault f) {
            return afterFailure(plan, "VirtualBox refused " + f.operation() + ": " + f.reason()
                    + (m.saved() ? "" : "; the changes were discarded, nothing was saved"));
        } catch (ConnectorException | RuntimeException e) {
            if (!m.saveSent()) {
                return lost(plan, false, new ConnectorException(e.getMessage() + "; nothing was saved (the VM stays "
                        + "locked by hvdiag's web session until vboxwebsrv drops it after its idle timeout)"));
            }
            return lost(plan, true, e);
        }
        Vm after;
        try {
            VboxInventory.Read reread = reader.read(before.ref());
            after = reread.vm();
        } catch (ConnectorException e) {
            return lost(plan, true, e);
        }
        List<String> unmet = Verification.unmet(vm, plan.changes(), after);
        if (!unmet.isEmpty()) {
            return result(plan, Outcome.FAILED, "changed, but does not hold: " + String.join("; ", unmet), after);
        }
        List<String> done = new ArrayList<>();
        for (ConfigChange c : plan.changes()) {
            done.add(c.describe());
        }
        return result(plan, Outcome.APPLIED, String.join("; ", done), after);
    }

    /** VirtualBox refused a step: re-read so the result shows the VM as it is now (unchanged). */
    private ApplyResult afterFailure(ChangePlan plan, String why) {
        try {
            VboxInventory.Read now = reader.find(plan.vmId());
            return result(plan, Outcome.FAILED, why, now == null ? null : now.vm());
        } catch (ConnectorException e) {
            return result(plan, Outcome.FAILED, why, null);
        }
    }

    private ApplyResult lost(ChangePlan plan, boolean sent, Exception e) {
        if (NetworkFailure.isConnectionLost(e) || NetworkFailure.isConnectionLost(new Exception(e.getMessage()))) {
            serverGone = true;
        }
        return result(plan, Outcome.FAILED, (sent ? "the change was sent, but " : "") + e.getMessage()
                + (sent ? "; the VM may or may not have changed: check it (hvdiag undo checks it too)" : ""), null);
    }

    private static ApplyResult result(ChangePlan plan, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(plan.vmId(), plan.vmName(), outcome, detail, vm);
    }
}
