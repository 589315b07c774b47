package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * The Hyper-V admin event logs of the chosen VMs, read in one script per {@link #BATCH} VMs (one
 * round trip for a usual selection): Get-WinEvent on the host filters the window and the ids of
 * {@link WorkerEventTable} and bounds each VM's events and bytes; this class turns the answer into
 * each VM's events with notes. A host whose script fails gives every VM of that script a note naming
 * the host and the error; a lost connection is a {@link ConnectorException}, as for the inventory.
 */
final class HypervEvidence {
    /** VM ids per script: 100 ids keep the -EncodedCommand well under Windows' 32,767-character command line. */
    static final int BATCH = 100;
    static final String NO_USB = "Hyper-V has no USB passthrough to VMs (USB devices reach a guest only through Enhanced "
            + "Session redirection, which the host's event logs do not record): no USB events for this VM";

    private final HostScripts host;

    HypervEvidence(HostScripts host) {
        this.host = host;
    }

    List<VmEvidence> read(List<Vm> vms, EvidenceWindow window, Progress progress) throws ConnectorException {
        int batches = (vms.size() + BATCH - 1) / BATCH;
        progress.begin("Reading the Hyper-V event logs of " + vms.size() + " VMs on " + host.where(), Math.max(batches, 1));
        List<VmEvidence> out = new ArrayList<>(vms.size());
        for (int from = 0; from < vms.size(); from += BATCH) {
            List<Vm> batch = vms.subList(from, Math.min(vms.size(), from + BATCH));
            if (progress.isCanceled()) {
                for (Vm vm : batch) {
                    out.add(VmEvidence.unreadable(vm.id(), vm.name(), "cancelled before the event logs were read"));
                }
                continue;
            }
            out.addAll(readBatch(batch, window));
            progress.worked(1);
        }
        return out;
    }

    private List<VmEvidence> readBatch(List<Vm> vms, EvidenceWindow window) throws ConnectorException {
        List<String> ids = vms.stream().map(Vm::id).toList();
        ShellResult r = host.evidence(new EvidenceQuery(ids, window, LogTail.MAX_EVENTS));
        if (r.exitCode() != 0) {
            return allUnreadable(vms, "the event log script failed on " + host.where() + " (exit code " + r.exitCode() + "): "
                    + HostScripts.firstError(r));
        }
        EvidenceJsonReader.EvidenceRead read;
        try {
            read = EvidenceJsonReader.read(r.stdout(), host.where());
        } catch (HypervJsonException e) {
            return allUnreadable(vms, "cannot read the event logs' answer: " + e.getMessage());
        }
        return map(vms, window, read, host.where());
    }

    /** The answer as each VM's evidence, in the order of {@code vms}. */
    static List<VmEvidence> map(List<Vm> vms, EvidenceWindow window, EvidenceJsonReader.EvidenceRead read, String where) {
        Map<String, List<WinEvent>> byVm = new LinkedHashMap<>();
        for (WinEvent e : read.events()) {
            byVm.computeIfAbsent(e.vmId(), k -> new ArrayList<>()).add(e);
        }
        List<VmEvidence> out = new ArrayList<>(vms.size());
        for (Vm vm : vms) {
            String id = vm.id().toLowerCase(Locale.ROOT);
            List<String> notes = new ArrayList<>();
            read.logErrors().forEach((log, error) -> notes.add("could not read the event log " + log + " on " + where + ": " + error));
            read.problems().getOrDefault("", List.of()).forEach(p -> notes.add(p + " (host " + where + ")"));
            notes.addAll(read.problems().getOrDefault(id, List.of()));
            EvidenceJsonReader.VmCut cut = read.vms().get(id);
            if (cut == null) {
                notes.add("the host's answer says nothing about this VM (" + where + ")");
            } else if ("MaxBytesPerVm".equals(cut.cut())) {
                notes.add("read bound of " + window.maxBytesPerVm() + " bytes reached: older events in the window not read ("
                        + cut.events() + " newest events, " + cut.bytes() + " bytes)");
            } else if (cut.cut() != null) {
                notes.add("older events in the window left out: only the newest " + LogTail.MAX_EVENTS + " are kept");
            }
            List<VmEvent> events = new ArrayList<>();
            int outside = 0;
            for (WinEvent e : byVm.getOrDefault(id, List.of())) {
                EventKind kind = WorkerEventTable.kind(e);
                if (kind == null) {
                    continue;
                }
                if (!window.contains(e.time().toInstant())) {
                    outside++;
                    continue;
                }
                events.add(new VmEvent(e.time(), vm.id(), vm.name(), kind, EventSource.record(e.logName(), e.recordId()),
                        e.rawLine()));
            }
            if (outside > 0) {
                notes.add(outside + " event(s) the host returned lie outside the window: left out");
            }
            // Oldest first; two logs' events at the same instant keep their record order.
            events.sort(Comparator.comparing(VmEvent::instant).thenComparing(ev -> ev.source().location())
                    .thenComparingLong(ev -> ev.source().line()));
            notes.add(NO_USB);
            out.add(new VmEvidence(vm.id(), vm.name(), events, notes, cut == null ? 0 : cut.bytes()));
        }
        return out;
    }

    private static List<VmEvidence> allUnreadable(List<Vm> vms, String note) {
        return vms.stream().map(vm -> VmEvidence.unreadable(vm.id(), vm.name(), note)).toList();
    }
}
