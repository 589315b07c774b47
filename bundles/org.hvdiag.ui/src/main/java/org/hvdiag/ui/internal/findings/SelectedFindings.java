package org.hvdiag.ui.internal.findings;

import java.util.List;

import org.hvdiag.audit.Finding;

/** The findings selected in the Findings view, as the selection the other parts listen to. */
public record SelectedFindings(List<Finding> findings) {
    public SelectedFindings {
        findings = List.copyOf(findings);
    }
}
