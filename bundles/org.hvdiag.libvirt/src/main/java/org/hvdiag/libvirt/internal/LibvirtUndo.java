package org.hvdiag.libvirt.internal;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.UndoOrder;
import org.hvdiag.core.model.Vm;

/**
 * Puts domains back as a journal recorded them, newest entry first: the definition is redefined
 * from the journalled XML (with the console password the journal does not hold taken from the
 * domain's current definition), and on a running domain the USB devices the fix detached live are
 * attached again and the ones it attached are detached.
 * <p>
 * A domain is restored only when it is as the fix left it: its definition equal to the journalled
 * after-state, or, for a push that did not finish, equal to the before- or the planned state (each
 * libvirt call is all or nothing). The machine type stays: an upgrade is one-way in hvdiag's model
 * (the guest has seen the new chipset's devices).
 */
final class LibvirtUndo {
    private final LibvirtLink link;
    private final LiveDomains reader;

    LibvirtUndo(LibvirtLink link, LiveDomains reader) {
        this.link = link;
        this.reader = reader;
    }

    List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) {
        return UndoOrder.newestFirst(entries, progress, "Restoring " + entries.size() + " domains on " + link.uri(), this::undoOne);
    }

    private ApplyResult undoOne(JournalEntry e) {
        String beforeXml = e.beforeState().get(LibvirtPush.BEFORE_XML);
        if (beforeXml == null) {
            return result(e, Outcome.FAILED, "the journal entry holds no libvirt domain XML; not restored", null);
        }
        String name = link.uri() + " domain " + e.vmName();
        LiveDomains.Read now;
        DomainFacts was;
        try {
            now = reader.find(e.vmId());
            was = DomainXml.read(name + " (journal)", beforeXml);
        } catch (ConnectorException | UnreadableFile x) {
            return result(e, Outcome.FAILED, "not restored: " + message(x), null);
        }
        if (now == null) {
            return result(e, Outcome.FAILED, "the domain no longer exists; not restored", null);
        }
        Vm vm = now.vm();
        String liveBefore = e.beforeState().get(LibvirtPush.BEFORE_LIVE_XML);
        try {
            DomainFacts liveWas = liveBefore == null ? null : DomainXml.read(name + " (journal, live)", liveBefore);
            boolean liveAsBefore = liveWas == null || !now.running() || now.live().sameUsbDevices(liveWas);
            // The machine type stays as the fix left it: the target is the before-state with today's machine.
            String keptMachine = now.config().machine().equals(was.machine()) ? null : now.config().machine();
            DomainFacts target = keptMachine == null ? was : withMachine(name, beforeXml, keptMachine);
            boolean configAsBefore = now.config().sameDefinition(target);
            String oneWay = keptMachine == null ? "" : "; the machine type stays " + keptMachine + " (an upgrade is one-way)";
            if (configAsBefore && liveAsBefore) {
                return result(e, Outcome.SKIPPED, (e.interrupted() ? "not changed by the interrupted push"
                        : keptMachine == null ? "already as before" : "nothing else to restore") + oneWay, vm);
            }
            String unexpected = configAsBefore ? null : changedSince(e, name, now.config());
            if (unexpected != null) {
                return result(e, Outcome.FAILED, unexpected, vm);
            }
            List<String> done = new ArrayList<>();
            if (!configAsBefore) {
                DomainDocument doc = DomainDocument.parse(e.vmName(), beforeXml);
                doc.copySecretsFrom(DomainDocument.parse(e.vmName(), link.xml(now.domain(), true, true)));
                if (keptMachine != null) {
                    DomainDocument.child(DomainDocument.child(doc.root(), "os"), "type").setAttribute("machine", keptMachine);
                }
                link.define(e.vmName(), doc.xml());
                done.add("definition restored");
            }
            if (!liveAsBefore) {
                done.addAll(restoreLive(now, liveBefore));
            }
            LiveDomains.Read after = reader.find(e.vmId());
            if (after == null) {
                return result(e, Outcome.FAILED, "restored, but the domain is gone", null);
            }
            boolean holds = after.config().sameDefinition(target)
                    && (liveWas == null || !after.running() || after.live().sameUsbDevices(liveWas));
            if (!holds) {
                return result(e, Outcome.FAILED, "restored, but the domain does not read back as before", after.vm());
            }
            return result(e, Outcome.APPLIED, String.join("; ", done) + oneWay, after.vm());
        } catch (ConnectorException | UnreadableFile x) {
            return result(e, Outcome.FAILED, "not restored: " + message(x), vm);
        }
    }

    /**
     * Why a definition that is not as before is not as the fix left it either, or null when it is:
     * the after-state the push journalled, or, when it journalled none (it stopped with the change
     * sent), the definition it planned.
     */
    private static String changedSince(JournalEntry e, String name, DomainFacts now) throws UnreadableFile {
        String after = e.interrupted() ? null : e.afterState().get(LibvirtPush.BEFORE_XML);
        if (after != null) {
            return now.sameDefinition(DomainXml.read(name + " (journal, after)", after)) ? null
                    : "changed since the fix; not restored";
        }
        String planned = e.beforeState().get(LibvirtPush.PLANNED_XML);
        return planned == null || now.sameDefinition(DomainXml.read(name + " (journal, planned)", planned)) ? null
                : "neither as before nor as the unfinished push planned it; not restored";
    }

    private static DomainFacts withMachine(String name, String xml, String machine) throws ConnectorException, UnreadableFile {
        DomainDocument doc = DomainDocument.parse(name, xml);
        DomainDocument.child(DomainDocument.child(doc.root(), "os"), "type").setAttribute("machine", machine);
        return DomainXml.read(name, doc.xml());
    }

    /** Re-attaches live the USB devices the fix detached, and detaches the ones that came since the before-state. */
    private List<String> restoreLive(LiveDomains.Read now, String liveBefore) throws ConnectorException {
        DomainDocument was = DomainDocument.parse(now.domain().name(), liveBefore);
        DomainDocument is = DomainDocument.parse(now.domain().name(), now.liveXml());
        List<String> done = new ArrayList<>();
        for (Element d : was.pluggedUsbDevices()) {
            if (is.samePluggedDevice(d) == null) {
                link.attach(now.domain(), DomainDocument.fragment(d), true, false);
                done.add("re-attached a USB " + d.getTagName() + " live");
            }
        }
        for (Element d : is.pluggedUsbDevices()) {
            if (was.samePluggedDevice(d) == null) {
                link.detach(now.domain(), DomainDocument.fragment(d), true, false);
                done.add("detached a USB " + d.getTagName() + " live");
            }
        }
        return done;
    }

    private static String message(Exception x) {
        return x instanceof UnreadableFile u ? u.toError().toString() : x.getMessage();
    }

    private static ApplyResult result(JournalEntry e, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(e.vmId(), e.vmName(), outcome, detail, vm);
    }
}
