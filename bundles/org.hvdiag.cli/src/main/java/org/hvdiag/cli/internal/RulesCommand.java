package org.hvdiag.cli.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.cli.Catalog;
import org.hvdiag.core.model.HypervisorKind;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rule catalog: what each rule checks, why, and the vendor document it rests on.")
public final class RulesCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;

    @Option(names = "--format", defaultValue = "text", description = "text or markdown (default: ${DEFAULT-VALUE}).")
    String format;

    public RulesCommand(Catalog catalog, PrintStream out) {
        this.catalog = catalog;
        this.out = out;
    }

    @Override
    public Integer call() {
        List<RuleInfo> rules = new RuleEngine(catalog.rules()).rules();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> rules.forEach(r -> {
                out.println(r.id() + "  [" + r.severity().label() + (r.fixable() ? ", fixable" : "") + "]  " + r.title());
                out.println("    applies to: " + kinds(r));
                out.println("    why: " + r.rationale());
                out.println("    reference: " + r.reference());
                out.println();
            });
            case "markdown" -> out.print(RuleTable.markdown(rules));
            default -> throw new InputError("unknown format '" + format + "' (expected text or markdown)");
        }
        return ExitCode.CLEAN;
    }

    static String kinds(RuleInfo r) {
        return String.join(", ", r.appliesTo().stream().sorted().map(HypervisorKind::displayName).toList());
    }
}
