package org.hvdiag.esxi.internal;

import java.io.IOException;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.vmware.vim25.ManagedObjectReference;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Verification;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.NetworkFailure;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.model.Vm;
import org.hvdiag.esxi.VsphereConnector;

/**
 * Applies plans through ReconfigVM_Task and UpgradeVM_Task, a few VMs at a time: per VM, refuse a
 * stale plan or a running VM for changes that need it off, journal the before-state (synced) before
 * the first task, wait for each task, re-read the VM and check every change.
 * <p>
 * When the server stops answering, a VM whose task was sent is reported FAILED with "may or may not
 * have changed" (its intent stays in the journal for undo to check), and VMs not yet started are
 * SKIPPED without an intent: nothing is ever reported applied that was not seen on a re-read.
 */
final class VspherePush {
    /** Tasks in flight at once: enough to hide round trips, few enough not to flood vCenter's queue. */
    static final int IN_FLIGHT = 4;
    static final String UNDO = "undo";
    static final String ADDED_KEYS = "addedKeys";

    private final VimConnection vim;
    private final VsphereConnector support = new VsphereConnector();
    private final AtomicBoolean serverGone = new AtomicBoolean();

    VspherePush(VimConnection vim) {
        this.vim = vim;
    }

    List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) throws ConnectorException {
        progress.begin("Applying changes to " + plans.size() + " VMs on " + vim.url().hostAndPort(), plans.size());
        List<String> ids = new ArrayList<>();
        for (ChangePlan p : plans) {
            ids.add(p.vmId());
        }
        Map<String, VmMapper.Mapped> before = new VmReader(vim).read(ids);
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "hvdiag-vsphere-push");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ApplyResult>> futures = new ArrayList<>();
            for (ChangePlan plan : plans) {
                futures.add(pool.submit(() -> {
                    ApplyResult r = progress.isCanceled() ? result(plan, Outcome.SKIPPED, "cancelled", null)
                            : serverGone.get() ? result(plan, Outcome.SKIPPED, "not attempted: the server stopped answering", null)
                            : applyOne(plan, before.get(plan.vmId()), journal);
                    progress.worked(1);
                    return r;
                }));
            }
            List<ApplyResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (Exception e) {
                    ChangePlan p = plans.get(i);
                    results.add(result(p, Outcome.FAILED, "internal error: " + e, null));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private ApplyResult applyOne(ChangePlan plan, VmMapper.Mapped mapped, Journal journal) {
        if (mapped == null) {
            return result(plan, Outcome.FAILED, "the VM no longer exists on " + vim.url().hostAndPort(), null);
        }
        Vm vm = mapped.vm();
        String stale = plan.violation(vm);
        if (stale != null) {
            return result(plan, Outcome.SKIPPED, "the plan is stale: " + stale, vm);
        }
        if (!vm.powerState().isOff()) {
            for (ConfigChange c : plan.changes()) {
                if (support.support(c) == ChangeSupport.POWERED_OFF_ONLY) {
                    return result(plan, Outcome.SKIPPED, vm.name() + " is " + vm.powerState() + ": power it off first ("
                            + c.describe() + " needs the VM off)", vm);
                }
            }
        }
        ReconfigSpec spec;
        try {
            // A plan the model refuses would fail core's verifier after the change: refuse it before.
            ChangePreview.apply(vm, plan.changes());
            spec = ReconfigSpec.of(mapped, plan.changes());
        } catch (IllegalArgumentException e) {
            return result(plan, Outcome.FAILED, "not changed: " + e.getMessage(), vm);
        }
        int seq;
        try {
            seq = journal.recordIntent(plan, vm, Map.of(UNDO, ReconfigSpec.JSON.writeValueAsString(spec.undo)));
        } catch (IOException e) {
            return result(plan, Outcome.FAILED, "not changed: the journal could not be written (" + e.getMessage() + ")", vm);
        }
        ApplyResult outcome = run(plan, vm, spec);
        String added = addedKeys(vm, outcome.after());
        try {
            journal.recordOutcome(seq, outcome, added.isEmpty() ? Map.of() : Map.of(ADDED_KEYS, added));
        } catch (IOException e) {
            outcome = result(plan, outcome.outcome(), outcome.detail() + " (the journal outcome could not be written: "
                    + e.getMessage() + ")", outcome.after());
        }
        return outcome;
    }

    private ApplyResult run(ChangePlan plan, Vm vm, ReconfigSpec spec) {
        ManagedObjectReference ref = VimConnection.ref("VirtualMachine", vm.id());
        TaskWaiter waiter = new TaskWaiter(vim);
        boolean sent = false;
        try {
            if (spec.hasReconfig) {
                sent = true;
                String fault = waiter.await(vim.port().reconfigVM_Task(ref, spec.spec));
                if (fault != null) {
                    return afterFailure(plan, "vSphere refused the change: " + fault);
                }
            }
            if (spec.upgradeTo != null) {
                sent = true;
                String fault = waiter.await(vim.port().upgradeVM_Task(ref, spec.upgradeTo.toString()));
                if (fault != null) {
                    return afterFailure(plan, "vSphere refused the hardware upgrade: " + fault
                            + (spec.hasReconfig ? " (the other changes were made)" : ""));
                }
            }
        } catch (RemoteException | ConnectorException | RuntimeException e) {
            return lost(plan, sent, e);
        }
        Vm after;
        try {
            VmMapper.Mapped m = new VmReader(vim).read(vm.id());
            after = m == null ? null : m.vm();
        } catch (ConnectorException e) {
            return lost(plan, true, e);
        }
        if (after == null) {
            return result(plan, Outcome.FAILED, "the VM vanished after the change", null);
        }
        List<String> unmet = Verification.unmet(vm, plan.changes(), after);
        List<String> done = new ArrayList<>();
        for (ConfigChange c : plan.changes()) {
            done.add(c.describe());
        }
        if (!unmet.isEmpty()) {
            return result(plan, Outcome.FAILED, "changed, but does not hold: " + String.join("; ", unmet), after);
        }
        return result(plan, Outcome.APPLIED, String.join("; ", done), after);
    }

    /** A task failed: re-read so the result shows what the VM looks like now. */
    private ApplyResult afterFailure(ChangePlan plan, String why) {
        try {
            VmMapper.Mapped m = new VmReader(vim).read(plan.vmId());
            return result(plan, Outcome.FAILED, why, m == null ? null : m.vm());
        } catch (ConnectorException e) {
            return result(plan, Outcome.FAILED, why, null);
        }
    }

    private ApplyResult lost(ChangePlan plan, boolean sent, Exception e) {
        String why = e instanceof ConnectorException ? e.getMessage() : vim.failure("change a VM on", e).getMessage();
        if (NetworkFailure.isConnectionLost(e) || NetworkFailure.isConnectionLost(new Exception(why))) {
            serverGone.set(true);
        }
        return result(plan, Outcome.FAILED, (sent ? "the change was sent, but " : "") + why
                + (sent ? "; the VM may or may not have changed: check it (hvdiag undo checks it too)" : ""), null);
    }

    /** Keys of USB controllers the push added, so undo removes exactly those. */
    private static String addedKeys(Vm before, Vm after) {
        if (after == null) {
            return "";
        }
        List<String> keys = new ArrayList<>();
        for (var c : after.usbControllers()) {
            boolean old = before.usbControllers().stream().anyMatch(b -> b.id().equals(c.id()));
            if (!old && !c.id().endsWith(VmMapper.EHCI_SUFFIX)) {
                keys.add(c.id());
            }
        }
        return String.join(",", keys);
    }

    private static ApplyResult result(ChangePlan plan, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(plan.vmId(), plan.vmName(), outcome, detail, vm);
    }

    static String json(Object o) {
        try {
            return ReconfigSpec.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
