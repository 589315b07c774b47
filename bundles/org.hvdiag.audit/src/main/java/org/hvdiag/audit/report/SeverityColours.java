package org.hvdiag.audit.report;

import org.hvdiag.audit.Severity;

/** The one palette of the HTML report and the workbench, so summary, chart and table agree: red, amber, blue. */
public final class SeverityColours {
    private SeverityColours() {
    }

    public static String of(Severity severity) {
        switch (severity) {
            case ERROR:
                return "#c62828";
            case WARNING:
                return "#f2a900";
            default:
                return "#1565c0";
        }
    }
}
