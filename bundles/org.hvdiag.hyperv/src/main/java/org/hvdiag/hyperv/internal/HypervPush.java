package org.hvdiag.hyperv.internal;

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
import org.hvdiag.hyperv.HypervConnector;

/**
 * Applies plans one VM after the other: per VM, re-read it (the change script with no changes),
 * refuse a stale plan or a VM that is not off for changes that need it off, journal its JSON (synced)
 * before sending, send the change script with the plan as data, and check the VM it prints with core's
 * verifier.
 * <p>
 * Hyper-V has no transaction around a VM's settings: when it refuses one cmdlet, those before it stay
 * applied. Such a VM is FAILED with Hyper-V's message and what a re-read shows holds. When the host
 * stops answering, the VM in hand is FAILED "may or may not have changed" (its intent stays in the
 * journal for undo to check) and the rest are SKIPPED without an intent.
 */
final class HypervPush {
    /** The VM's JSON as the host printed it before the change: what undo restores. */
    static final String BEFORE_KEY = "hyperv.vm";
    /** The plan JSON sent: which settings an interrupted push may have touched. */
    static final String PLAN_KEY = "hyperv.plan";

    private final HostScripts host;
    private final HypervConnector support = new HypervConnector();
    private boolean hostGone;

    HypervPush(HostScripts host) {
        this.host = host;
    }

    List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        progress.begin("Applying changes to " + plans.size() + " VMs on " + host.where(), plans.size());
        List<ApplyResult> results = new ArrayList<>();
        for (ChangePlan plan : plans) {
            if (progress.isCanceled()) {
                results.add(result(plan, Outcome.SKIPPED, "cancelled", null));
            } else if (hostGone) {
                results.add(result(plan, Outcome.SKIPPED, "not attempted: " + host.where() + " stopped answering", null));
            } else {
                results.add(applyOne(plan, journal));
            }
            progress.worked(1);
        }
        return results;
    }

    private ApplyResult applyOne(ChangePlan plan, Journal journal) {
        HostScripts.VmRead before;
        try {
            before = host.read(plan.vmId());
        } catch (ConnectorException | IllegalArgumentException e) {
            return lost(plan, false, e);
        }
        if (before == null) {
            return result(plan, Outcome.FAILED, "the VM no longer exists on " + host.where(), null);
        }
        Vm vm = before.vm();
        String stale = plan.violation(vm);
        if (stale != null) {
            return result(plan, Outcome.SKIPPED, "the plan is stale: " + stale, vm);
        }
        if (!vm.powerState().isOff()) {
            for (ConfigChange c : plan.changes()) {
                if (support.support(c) == ChangeSupport.POWERED_OFF_ONLY) {
                    return result(plan, Outcome.SKIPPED, vm.name() + " is " + before.record().state()
                            + ": shut it down first (" + c.describe() + " needs the VM off); nothing changed", vm);
                }
            }
        }
        PlanJson json;
        try {
            // A plan the model refuses would fail the verifier after the change: refuse it before.
            ChangePreview.apply(vm, plan.changes());
            json = PlanJson.of(plan.vmId(), plan.changes());
        } catch (IllegalArgumentException e) {
            return result(plan, Outcome.FAILED, "not changed: " + e.getMessage(), vm);
        }
        int seq;
        try {
            seq = journal.recordIntent(plan, vm, Map.of(BEFORE_KEY, before.record().json(), PLAN_KEY, json.json()));
        } catch (IOException e) {
            return result(plan, Outcome.FAILED, "not changed: the journal could not be written (" + e.getMessage() + ")", vm);
        }
        Change done = change(plan, before);
        ApplyResult outcome = done.result();
        try {
            journal.recordOutcome(seq, outcome, done.afterJson() == null ? Map.of() : Map.of(BEFORE_KEY, done.afterJson()));
        } catch (IOException e) {
            outcome = result(plan, outcome.outcome(), outcome.detail() + " (the journal outcome could not be written: "
                    + e.getMessage() + ")", outcome.after());
        }
        return outcome;
    }

    /** A change's result with the VM's JSON as re-read, when it was. */
    private record Change(ApplyResult result, String afterJson) {
    }

    private Change change(ChangePlan plan, HostScripts.VmRead before) {
        Vm vm = before.vm();
        HostScripts.ChangeEnd end;
        try {
            end = host.change(plan.vmId(), plan.changes());
        } catch (ConnectorException e) {
            return new Change(lost(plan, true, e), null);
        }
        if (end instanceof HostScripts.ChangeEnd.Refused refused) {
            return afterRefusal(plan, vm, refused.message());
        }
        HostScripts.VmRead after = ((HostScripts.ChangeEnd.Done) end).after();
        List<String> unmet = Verification.unmet(vm, plan.changes(), after.vm());
        if (!unmet.isEmpty()) {
            return new Change(result(plan, Outcome.FAILED, "changed, but does not hold: " + String.join("; ", unmet),
                    after.vm()), after.record().json());
        }
        List<String> done = new ArrayList<>();
        for (ConfigChange c : plan.changes()) {
            done.add(c.describe());
        }
        return new Change(result(plan, Outcome.APPLIED, String.join("; ", done), after.vm()), after.record().json());
    }

    /** Hyper-V refused a cmdlet: re-read, and say which of the plan's changes hold anyway. */
    private Change afterRefusal(ChangePlan plan, Vm before, String message) {
        String why = "Hyper-V refused: " + message;
        HostScripts.VmRead now;
        try {
            now = host.read(plan.vmId());
        } catch (ConnectorException e) {
            return new Change(lost(plan, true, new ConnectorException(why + "; and the VM could not be re-read: "
                    + e.getMessage(), e)), null);
        }
        if (now == null) {
            return new Change(result(plan, Outcome.FAILED, why + "; the VM no longer exists", null), null);
        }
        return new Change(result(plan, Outcome.FAILED, why + "; " + PartlyApplied.describe(before, plan.changes(), now.vm()),
                now.vm()), now.record().json());
    }

    private ApplyResult lost(ChangePlan plan, boolean sent, Exception e) {
        if (NetworkFailure.isConnectionLost(e)) {
            hostGone = true;
        }
        return result(plan, Outcome.FAILED, (sent ? "the change was sent, but " : "") + e.getMessage()
                + (sent ? "; the VM may or may not have changed: check it (hvdiag undo checks it too)" : ""), null);
    }

    private static ApplyResult result(ChangePlan plan, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(plan.vmId(), plan.vmName(), outcome, detail, vm);
    }
}
