package org.hvdiag.libvirt.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.model.Vm;
import org.hvdiag.libvirt.LibvirtConnector;

/**
 * Applies plans one domain after the other. Per domain: re-read it, refuse a stale plan, refuse
 * changes a running domain cannot take, compute the new definition (shut-off) or the device
 * detach/attach calls (running), journal the definition and live XML as they were and what hvdiag
 * is about to define (synced), make the change, re-read and check it with core's verifier.
 * <p>
 * Each libvirt call is all or nothing (virDomainDefineXML replaces the definition at once, a
 * detach with live and config flags does both or neither), so a domain the push lost the daemon on
 * is as before or as planned, which undo tells apart from the journal. When the daemon is gone, the
 * domain in hand is FAILED with "may or may not have changed" and the rest are SKIPPED.
 */
final class LibvirtPush {
    static final String BEFORE_XML = "domainXml";
    static final String BEFORE_LIVE_XML = "liveXml";
    static final String PLANNED_XML = "plannedXml";

    private final LibvirtLink link;
    private final LiveDomains reader;
    private final LibvirtConnector support = new LibvirtConnector();
    private boolean daemonGone;

    LibvirtPush(LibvirtLink link, LiveDomains reader) {
        this.link = link;
        this.reader = reader;
    }

    List<ApplyResult> apply(List<ChangePlan> plans, Journal journal, Progress progress) {
        progress.begin("Applying changes to " + plans.size() + " domains on " + link.uri(), plans.size());
        List<ApplyResult> results = new ArrayList<>();
        for (ChangePlan plan : plans) {
            if (progress.isCanceled()) {
                results.add(result(plan, Outcome.SKIPPED, "cancelled", null));
            } else if (daemonGone) {
                results.add(result(plan, Outcome.SKIPPED, "not attempted: " + link.uri() + " stopped answering", null));
            } else {
                results.add(applyOne(plan, journal));
            }
            progress.worked(1);
        }
        return results;
    }

    private ApplyResult applyOne(ChangePlan plan, Journal journal) {
        LiveDomains.Read before;
        try {
            before = reader.find(plan.vmId());
        } catch (ConnectorException e) {
            return lost(plan, false, e);
        } catch (UnreadableFile e) {
            return result(plan, Outcome.FAILED, "not changed: " + e.toError(), null);
        }
        if (before == null) {
            return result(plan, Outcome.FAILED, "the domain no longer exists on " + link.uri(), null);
        }
        Vm vm = before.vm();
        String stale = plan.violation(vm);
        if (stale != null) {
            return result(plan, Outcome.SKIPPED, "the plan is stale: " + stale, vm);
        }
        if (before.running()) {
            for (ConfigChange c : plan.changes()) {
                if (support.support(c) == ChangeSupport.POWERED_OFF_ONLY) {
                    return result(plan, Outcome.SKIPPED, vm.name() + " is running: shut it down first (" + c.describe()
                            + " changes its definition, which libvirt cannot change in a running guest)", vm);
                }
            }
        }
        String planned = null;
        List<DeviceCall> calls = List.of();
        try {
            ChangePreview.apply(vm, plan.changes());
            if (before.running()) {
                calls = DeviceCall.of(vm.name(), before, plan.changes());
            } else {
                DomainDocument doc = DomainDocument.parse(vm.name(), link.xml(before.domain(), true, true));
                DefinitionEdits.apply(doc, plan.changes());
                planned = doc.xml();
            }
        } catch (IllegalArgumentException | ConnectorException e) {
            if (e instanceof ConnectorException c && NetworkFailure.isConnectionLost(c)) {
                return lost(plan, false, c);
            }
            return result(plan, Outcome.FAILED, "not changed: " + e.getMessage(), vm);
        }
        Map<String, String> state = new LinkedHashMap<>();
        state.put(BEFORE_XML, before.configXml());
        int seq;
        try {
            if (before.running()) {
                state.put(BEFORE_LIVE_XML, before.liveXml());
            } else {
                state.put(PLANNED_XML, DomainDocument.parse(vm.name(), planned).withoutSecrets().xml());
            }
            seq = journal.recordIntent(plan, vm, state);
        } catch (IOException | ConnectorException e) {
            return result(plan, Outcome.FAILED, "not changed: the journal could not be written (" + e.getMessage() + ")", vm);
        }
        Changed changed = change(plan, before, planned, calls);
        ApplyResult outcome = changed.result();
        try {
            journal.recordOutcome(seq, outcome, changed.configXml() == null ? Map.of() : Map.of(BEFORE_XML, changed.configXml()));
        } catch (IOException e) {
            outcome = result(plan, outcome.outcome(), outcome.detail() + " (the journal outcome could not be written: "
                    + e.getMessage() + ")", outcome.after());
        }
        return outcome;
    }

    /** How a change ended, and the definition as re-read after it (null when it could not be read): the journal's after-state. */
    private record Changed(ApplyResult result, String configXml) {
        Changed(ApplyResult result) {
            this(result, null);
        }
    }

    private Changed change(ChangePlan plan, LiveDomains.Read before, String planned, List<DeviceCall> calls) {
        Vm vm = before.vm();
        int made = 0;
        try {
            if (planned != null) {
                link.define(vm.name(), planned);
                made++;
            }
            for (DeviceCall call : calls) {
                call.run(link, before.domain());
                made++;
            }
        } catch (ConnectorException e) {
            if (NetworkFailure.isConnectionLost(e)) {
                return new Changed(lost(plan, true, e));
            }
            return afterFailure(plan, (made == 0 ? "not changed: " : "partly changed (" + made + " of "
                    + (calls.size() + (planned == null ? 0 : 1)) + " steps made, the journal holds the rest for undo): ")
                    + e.getMessage());
        }
        LiveDomains.Read reread;
        try {
            reread = reader.find(plan.vmId());
            if (reread == null) {
                return new Changed(result(plan, Outcome.FAILED, "changed, but the domain is gone from " + link.uri(), null));
            }
        } catch (ConnectorException e) {
            return new Changed(lost(plan, true, e));
        } catch (UnreadableFile e) {
            return new Changed(result(plan, Outcome.FAILED, "changed, but it cannot be read back: " + e.toError(), null));
        }
        Vm after = reread.vm();
        List<String> unmet = Verification.unmet(vm, plan.changes(), after);
        if (!unmet.isEmpty()) {
            return new Changed(result(plan, Outcome.FAILED, "changed, but does not hold: " + String.join("; ", unmet), after),
                    reread.configXml());
        }
        List<String> done = new ArrayList<>();
        for (ConfigChange c : plan.changes()) {
            done.add(c.describe());
        }
        return new Changed(result(plan, Outcome.APPLIED, String.join("; ", done) + (calls.isEmpty() ? "" : " (running domain: "
                + DeviceCall.summary(calls) + ")"), after), reread.configXml());
    }

    /** libvirt refused a step: re-read so the result shows the domain as it is now. */
    private Changed afterFailure(ChangePlan plan, String why) {
        try {
            LiveDomains.Read now = reader.find(plan.vmId());
            return now == null ? new Changed(result(plan, Outcome.FAILED, why, null))
                    : new Changed(result(plan, Outcome.FAILED, why, now.vm()), now.configXml());
        } catch (ConnectorException | UnreadableFile e) {
            return new Changed(result(plan, Outcome.FAILED, why, null));
        }
    }

    private ApplyResult lost(ChangePlan plan, boolean sent, ConnectorException e) {
        if (NetworkFailure.isConnectionLost(e)) {
            daemonGone = true;
        }
        return result(plan, Outcome.FAILED, (sent ? "the change was sent, but " : "") + e.getMessage()
                + (sent ? "; the domain may or may not have changed: check it (hvdiag undo checks it too)" : ""), null);
    }

    private static ApplyResult result(ChangePlan plan, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(plan.vmId(), plan.vmName(), outcome, detail, vm);
    }
}
