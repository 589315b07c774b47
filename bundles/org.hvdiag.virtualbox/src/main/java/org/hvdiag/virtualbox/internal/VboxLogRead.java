package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EventSource;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * One VM's VBox.log files read through {@link LogTail}, plus what only the whole of a file tells:
 * a log the VM process never closed. VirtualBox starts a new VBox.log at every VM start and writes
 * "End of log file" when the process ends, so a rotated log without it is a VM process that died
 * (crash, kill, host power loss). The newest log of a VM that runs now is still open, and of one
 * whose state is not known (a folder read offline) nothing can be said but a note.
 */
final class VboxLogRead {
    /** MachineState values of a running VM process: its newest log is still being written. */
    private static final Set<String> PROCESS_RUNNING = Set.of("Running", "Paused", "Stuck", "Teleporting",
            "LiveSnapshotting", "Starting", "Stopping", "Saving", "Restoring", "TeleportingPausedVM",
            "TeleportingIn", "OnlineSnapshotting", "DeletingSnapshotOnline", "DeletingSnapshotPaused");

    private VboxLogRead() {
    }

    static VmEvidence read(Vm vm, List<LogFile> newestFirst, EvidenceWindow window) {
        List<VboxLogParser> parsers = new ArrayList<>();
        VmEvidence tail = new LogTail(vm.id(), vm.name(), window).read(newestFirst, () -> {
            VboxLogParser p = new VboxLogParser();
            parsers.add(p);
            return p;
        });
        List<VmEvent> events = new ArrayList<>(tail.events());
        List<String> notes = new ArrayList<>(tail.notes());
        String state = vm.rawProperties().getOrDefault("state", "");
        for (int i = 0; i < parsers.size() && i < newestFirst.size(); i++) {
            VboxLogParser p = parsers.get(i);
            String name = newestFirst.get(i).name();
            if (!p.hasStart() && p.hadLinesWithoutStart()) {
                notes.add(name + " has no \"Log opened\" line in its first " + VboxLogParser.HEADER_BYTES
                        + " bytes: its lines carry only the time since the VM process started, so they are left out");
            }
            if (!p.endedWithoutClose()) {
                continue;
            }
            if (i == 0 && (state.isEmpty() || PROCESS_RUNNING.contains(state))) {
                if (state.isEmpty()) {
                    notes.add(name + " has no \"End of log file\" line: the VM is still running, or its process "
                            + "ended abnormally (crash or kill) after " + p.lastTime());
                }
                continue;
            }
            if (!window.contains(p.lastTime().toInstant())) {
                continue;
            }
            String why = "the VM process ended without closing " + name + " (crash, kill or host power loss)"
                    + (i == 0 && state.startsWith("Aborted") ? "; VirtualBox reports the machine " + state : "")
                    + "; its last line is from " + p.lastTime();
            insert(events, newestFirst, i, new VmEvent(p.lastTime(), vm.id(), vm.name(), new EventKind.StoppedAbnormally(why),
                    new EventSource(name, -1, -1), p.lastLine()));
        }
        return new VmEvidence(vm.id(), vm.name(), events, notes, tail.bytesRead());
    }

    /** After the last event of file {@code index} or of any older file: LogTail lists older files first. */
    private static void insert(List<VmEvent> events, List<LogFile> newestFirst, int index, VmEvent event) {
        Set<String> olderOrSame = new java.util.HashSet<>();
        for (int k = index; k < newestFirst.size(); k++) {
            olderOrSame.add(newestFirst.get(k).name());
        }
        int at = 0;
        for (int k = 0; k < events.size(); k++) {
            if (olderOrSame.contains(events.get(k).source().location())) {
                at = k + 1;
            }
        }
        events.add(at, event);
    }
}
