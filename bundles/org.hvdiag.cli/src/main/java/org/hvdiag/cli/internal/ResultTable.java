package org.hvdiag.cli.internal;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.connector.ApplyResult;

/** Prints per-VM results of a fix or an undo and turns them into the exit code. */
final class ResultTable {
    private ResultTable() {
    }

    static int print(PrintStream out, String what, List<ApplyResult> results, String hint) {
        Map<ApplyResult.Outcome, Integer> counts = new EnumMap<>(ApplyResult.Outcome.class);
        for (ApplyResult r : results) {
            counts.merge(r.outcome(), 1, Integer::sum);
            out.println(String.format("%-8s %s%s", r.outcome(), r.vmName(), r.detail().isEmpty() ? "" : ": " + r.detail()));
        }
        int applied = counts.getOrDefault(ApplyResult.Outcome.APPLIED, 0);
        int skipped = counts.getOrDefault(ApplyResult.Outcome.SKIPPED, 0);
        int failed = counts.getOrDefault(ApplyResult.Outcome.FAILED, 0);
        out.println(what + ": " + applied + " applied, " + skipped + " skipped, " + failed + " failed.");
        if (applied > 0 && hint != null) {
            out.println(hint);
        }
        return skipped + failed == 0 ? ExitCode.CLEAN : ExitCode.FINDINGS;
    }
}
