package org.hvdiag.vmx.internal;

import java.nio.file.Path;
import java.util.List;

import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;
import org.hvdiag.core.vmware.VmwareLogEvidence;

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
            // The VM's id is its .vmx path, so the note need not repeat it: identical notes group in reports.
            return VmEvidence.unreadable(vm.id(), vm.name(), "no vmware.log beside the .vmx"
                    + " (the VM has not run on this host since its logs were removed, or logging is off)");
        }
        return VmwareLogEvidence.read(vm.id(), vm.name(), files, window);
    }
}
