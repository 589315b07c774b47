package org.hvdiag.ui.internal.findings;

import java.util.Comparator;
import java.util.function.Function;

import org.hvdiag.audit.Finding;

/** The columns of the Findings table: what each shows and how it sorts. */
public enum FindingColumn {
    SEVERITY("Severity", 90, f -> f.severity().label(),
            Comparator.comparing((Finding f) -> f.severity()).reversed()),
    RULE("Rule", 210, Finding::ruleId, Comparator.comparing(Finding::ruleId)),
    VM("VM", 150, f -> f.vmName() == null ? "" : f.vmName(), Comparator.comparing(f -> f.vmName() == null ? "" : f.vmName())),
    HOST("Host", 130, Finding::hostId, Comparator.comparing(Finding::hostId)),
    MESSAGE("Message", 520, Finding::message, Comparator.comparing(Finding::message)),
    FIXABLE("Fixable", 70, f -> f.fixable() ? "yes" : "no", Comparator.comparing(Finding::fixable).reversed());

    private final String title;
    private final int width;
    private final Function<Finding, String> text;
    private final Comparator<Finding> order;

    FindingColumn(String title, int width, Function<Finding, String> text, Comparator<Finding> order) {
        this.title = title;
        this.width = width;
        this.text = text;
        this.order = order;
    }

    public String title() {
        return title;
    }

    public int width() {
        return width;
    }

    public String text(Finding f) {
        return text.apply(f);
    }

    /** Ascending means what an admin expects first: errors before info, fixable before not. */
    public Comparator<Finding> order() {
        return order;
    }
}
