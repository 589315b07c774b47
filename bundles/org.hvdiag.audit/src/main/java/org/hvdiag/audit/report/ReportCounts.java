package org.hvdiag.audit.report;

import java.util.Map;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;

/** The headline numbers every format shows, counted once so that all formats agree. */
record ReportCounts(int vms, int hosts, int findings, int errors, int warnings, int info, int fixable) {

    static ReportCounts of(AuditReport report) {
        Map<Severity, Integer> bySeverity = report.countBySeverity();
        int fixable = 0;
        for (Finding f : report.findings()) {
            if (f.fixable()) {
                fixable++;
            }
        }
        return new ReportCounts(report.vmCount(), report.hostCount(), report.findings().size(),
                bySeverity.get(Severity.ERROR), bySeverity.get(Severity.WARNING), bySeverity.get(Severity.INFO), fixable);
    }

    int of(Severity severity) {
        switch (severity) {
            case ERROR:
                return errors;
            case WARNING:
                return warnings;
            default:
                return info;
        }
    }

    /** The line the text report ends with; scripts may grep for it, so its wording stays fixed. */
    String summaryLine() {
        return vms + " VMs, " + hosts + " hosts audited: " + errors + " errors, " + warnings + " warnings, "
                + info + " info (" + fixable + " fixable)";
    }
}
