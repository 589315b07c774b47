package org.hvdiag.audit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;

/**
 * The timeline for a terminal: per VM, one row per event (time, what, details, where in the log),
 * crashes and USB events marked in the first column; then what could not be read, one line per
 * distinct note with the VMs it applies to, so a fleet without logs does not print thousands of lines.
 */
public final class TimelineText implements TimelineWriter {
    private static final String NL = System.lineSeparator();
    /** VMs named per grouped note before "and N more". */
    private static final int NAMED = 5;

    @Override
    public String format() {
        return "text";
    }

    @Override
    public void write(FleetEvidence evidence, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("Events from " + evidence.window().from() + " to " + evidence.window().to() + NL + NL);
        int events = 0;
        boolean manyTargets = evidence.entries().stream().map(FleetEvidence.Entry::target).distinct().count() > 1;
        for (FleetEvidence.Entry entry : evidence.entries()) {
            VmEvidence e = entry.evidence();
            if (e.events().isEmpty()) {
                continue;
            }
            w.write(heading(entry, manyTargets) + NL);
            for (VmEvent ev : e.events()) {
                w.write(row(ev, "  ") + NL);
                events++;
            }
            w.write(NL);
        }
        notes(w, evidence, manyTargets);
        w.write(events + (events == 1 ? " event" : " events") + " in the logs of " + evidence.entries().size()
                + (evidence.entries().size() == 1 ? " VM" : " VMs") + NL);
        w.flush();
    }

    private static String heading(FleetEvidence.Entry entry, boolean manyTargets) {
        VmEvidence e = entry.evidence();
        String name = e.vmName().equals(e.vmId()) ? e.vmName() : e.vmName() + " (" + e.vmId() + ")";
        return "VM " + TerminalText.of(name) + (manyTargets ? "  [" + TerminalText.of(entry.target()) + "]" : "");
    }

    /** "  ! 2026-11-28T09:14:06.412Z  crashed  VM stopped abnormally: ...  (vmware.log:212)". */
    static String row(VmEvent e, String indent) {
        String mark = e.kind().isAbnormalStop() ? "!" : e.kind().isUsb() ? "u" : " ";
        String label = e.kind().label();
        return indent + mark + " " + e.time() + "  " + label + " ".repeat(Math.max(1, 19 - label.length()))
                + TerminalText.of(e.kind().describe()) + "  (" + TerminalText.of(e.source().toString()) + ")";
    }

    static void notes(Writer w, FleetEvidence evidence, boolean manyTargets) throws IOException {
        Map<String, List<String>> vmsByNote = new LinkedHashMap<>();
        for (FleetEvidence.Entry entry : evidence.entries()) {
            for (String note : entry.evidence().notes()) {
                vmsByNote.computeIfAbsent(note, k -> new ArrayList<>()).add(heading(entry, manyTargets).substring(3));
            }
        }
        if (vmsByNote.isEmpty()) {
            return;
        }
        w.write("Log notes:" + NL);
        for (Map.Entry<String, List<String>> n : vmsByNote.entrySet()) {
            List<String> vms = n.getValue();
            String named = String.join(", ", vms.subList(0, Math.min(NAMED, vms.size())))
                    + (vms.size() > NAMED ? " and " + (vms.size() - NAMED) + " more" : "");
            w.write("  " + TerminalText.of(n.getKey()) + ": " + named + NL);
        }
        w.write(NL);
    }
}
