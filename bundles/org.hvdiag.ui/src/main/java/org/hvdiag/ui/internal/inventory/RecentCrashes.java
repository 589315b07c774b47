package org.hvdiag.ui.internal.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * How often each VM stopped abnormally (crash, guest stop code, hard power-off) in the logs the
 * last audit read. A VM whose logs were not read, or whose read found nothing but notes (no log
 * beside it, a log that could not be opened), has no count: that is not the same as zero.
 */
public final class RecentCrashes {
    private final AuditReport report;

    public RecentCrashes(AuditReport report) {
        this.report = report;
    }

    /** The number of abnormal stops, or -1 when the VM's logs were not read or told nothing. */
    public int count(String target, Vm vm) {
        VmEvidence read = read(target, vm);
        if (read == null || (read.events().isEmpty() && !read.notes().isEmpty())) {
            return -1;
        }
        int n = 0;
        for (VmEvent e : read.events()) {
            n += e.kind().isAbnormalStop() ? 1 : 0;
        }
        return n;
    }

    /** The Recent crashes cell: the count, or "" when the logs were not read. */
    public String text(String target, Vm vm) {
        int n = count(target, vm);
        return n < 0 ? "" : Integer.toString(n);
    }

    /** The tooltip: what the count covers and the last stop's own words. */
    public String tooltip(String target, Vm vm) {
        VmEvidence read = read(target, vm);
        if (read == null) {
            return report.hasEvidence() ? "The logs of " + vm.name() + " were not read" : "Logs were not read in this audit";
        }
        VmEvent last = null;
        int n = 0;
        for (VmEvent e : read.events()) {
            if (e.kind().isAbnormalStop()) {
                last = e;
                n++;
            }
        }
        String window = " in its logs from " + report.evidence().window().from() + " to " + report.evidence().window().to();
        if (last == null && read.events().isEmpty() && !read.notes().isEmpty()) {
            return "Nothing read from the logs of " + vm.name() + ": " + String.join("; ", read.notes());
        }
        if (last == null) {
            return "No abnormal stop" + window + (read.notes().isEmpty() ? "" : " (" + String.join("; ", read.notes()) + ")");
        }
        return n + (n == 1 ? " abnormal stop" : " abnormal stops") + window + "; the last at " + last.time() + ": "
                + last.kind().describe();
    }

    /** {@code vms} ordered most crashes first; VMs whose logs were not read last; ties by name. */
    public List<Vm> mostFirst(String target, List<Vm> vms) {
        Map<Vm, Integer> counts = new IdentityHashMap<>();
        for (Vm vm : vms) {
            counts.put(vm, count(target, vm));
        }
        List<Vm> sorted = new ArrayList<>(vms);
        sorted.sort(Comparator.comparingInt((Vm vm) -> counts.get(vm)).reversed()
                .thenComparing(Vm::name, String.CASE_INSENSITIVE_ORDER));
        return sorted;
    }

    private VmEvidence read(String target, Vm vm) {
        return report.hasEvidence() ? report.evidence().of(target, vm.id()) : null;
    }
}
