package org.hvdiag.vmx.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.PathLogFile;
import org.hvdiag.core.vmware.VmwareLogRotation;

/**
 * The logs the VMX writes beside a .vmx: vmware.log for the current (or last) run and older runs'
 * vmware-N.log (Workstation keeps vmware-0.log to vmware-2.log, ESXi up to six, log.keepOld).
 */
final class VmxLogFiles {
    /** ESXi's default log.keepOld is 6, Workstation keeps 3: look for up to this many. */
    static final int MAX_ROTATED = 10;

    private VmxLogFiles() {
    }

    /** The logs of the VM whose .vmx is {@code vmx}, newest first; empty when there is none. */
    static List<LogFile> newestFirst(Path vmx) {
        Path folder = vmx.toAbsolutePath().getParent();
        if (folder == null) {
            return List.of();
        }
        Path current = folder.resolve("vmware.log");
        List<LogFile> rotated = new ArrayList<>();
        for (int i = 0; i <= MAX_ROTATED; i++) {
            Path p = folder.resolve("vmware-" + i + ".log");
            if (Files.isRegularFile(p)) {
                rotated.add(new PathLogFile(p));
            }
        }
        return VmwareLogRotation.newestFirst(Files.isRegularFile(current) ? new PathLogFile(current) : null, rotated);
    }
}
