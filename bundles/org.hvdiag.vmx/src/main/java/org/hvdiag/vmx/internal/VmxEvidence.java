package org.hvdiag.vmx.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;
import org.hvdiag.core.vmware.VmwareLogParser;

/** One VM's vmware.log files beside its .vmx, read into events within a window. */
final class VmxEvidence {
    private VmxEvidence() {
    }

    static VmEvidence read(Vm vm, EvidenceWindow window) {
        Path vmx = Path.of(vm.id());
        List<LogFile> files;
        try {
            files = VmxLogFiles.newestFirst(vmx);
        } catch (RuntimeException e) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "could not list the logs beside " + vmx + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            return VmEvidence.unreadable(vm.id(), vm.name(), "no vmware.log beside " + vmx
                    + " (the VM has not run on this host since its logs were removed, or logging is off)");
        }
        List<VmwareLogParser> parsers = new ArrayList<>();
        VmEvidence read = new LogTail(vm.id(), vm.name(), window).read(files, () -> {
            VmwareLogParser p = new VmwareLogParser();
            parsers.add(p);
            return p;
        });
        long undated = 0;
        for (VmwareLogParser p : parsers) {
            undated += p.undatedLines();
        }
        if (undated == 0) {
            return read;
        }
        List<String> notes = new ArrayList<>(read.notes());
        notes.add(undated + " line(s) in the old layout without a year (Workstation 7 / ESX 4 and older): left out, "
                + "their dates cannot be known");
        return new VmEvidence(read.vmId(), read.vmName(), read.events(), notes, read.bytesRead());
    }
}
