package org.hvdiag.cli.internal;

import java.util.List;

import org.hvdiag.audit.RuleInfo;

/** The rule catalog as the Markdown table the README carries; a test keeps the two equal. */
public final class RuleTable {
    private RuleTable() {
    }

    public static String markdown(List<RuleInfo> rules) {
        StringBuilder b = new StringBuilder();
        b.append("| rule | severity | fix | applies to | what and why | reference |\n");
        b.append("| --- | --- | --- | --- | --- | --- |\n");
        for (RuleInfo r : rules) {
            b.append("| `").append(r.id()).append("` | ").append(r.severity().label()).append(" | ")
                    .append(r.fixable() ? "yes" : "no").append(" | ").append(cell(RulesCommand.kinds(r))).append(" | **")
                    .append(cell(r.title())).append("**: ").append(cell(r.rationale())).append(" | ")
                    .append(cell(r.reference())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
