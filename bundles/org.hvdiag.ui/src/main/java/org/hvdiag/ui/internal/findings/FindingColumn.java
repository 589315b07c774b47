package org.hvdiag.ui.internal.findings;

import java.util.Comparator;
import java.util.function.Function;

import org.hvdiag.audit.Finding;

/** The columns of the Findings table: what each shows and how it sorts. */
public enum FindingColumn {
    SEVERITY("Severity", 90, l -> l.finding().severity().label(),
            Comparator.comparing((FindingLine l) -> l.finding().severity()).reversed()),
    RULE("Rule", 210, l -> l.finding().ruleId(), Comparator.comparing(l -> l.finding().ruleId())),
    VM("VM", 150, l -> vm(l.finding()), Comparator.comparing(l -> vm(l.finding()))),
    HOST("Host", 130, FindingLine::host, Comparator.comparing(FindingLine::host)),
    MESSAGE("Message", 520, l -> l.finding().message(), Comparator.comparing(l -> l.finding().message())),
    FIXABLE("Fixable", 70, l -> l.finding().fixable() ? "yes" : "no",
            Comparator.comparing((FindingLine l) -> l.finding().fixable()).reversed());

    private final String title;
    private final int width;
    private final Function<FindingLine, String> text;
    private final Comparator<FindingLine> order;

    FindingColumn(String title, int width, Function<FindingLine, String> text, Comparator<FindingLine> order) {
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

    public String text(FindingLine l) {
        return text.apply(l);
    }

    /** Ascending means what an admin expects first: errors before info, fixable before not. */
    public Comparator<FindingLine> order() {
        return order;
    }

    private static String vm(Finding f) {
        return f.vmName() == null ? "" : f.vmName();
    }
}
