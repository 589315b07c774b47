package org.hvdiag.cli.internal;

import java.io.PrintStream;

import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;

/**
 * When no target could be read there is nothing to report: no report is written (an empty one
 * would look like a clean fleet to a script that only reads it), each failure goes to stderr, and
 * the run exits with 2, as a single unreachable target always has.
 */
final class FailedTargets {
    private FailedTargets() {
    }

    static int tell(Targets.Read read, PrintStream err) {
        for (Inventory inv : read.inventories()) {
            for (ObjectError e : inv.errors()) {
                err.println("hvdiag: could not read " + e);
            }
        }
        return ExitCode.USAGE_OR_INPUT;
    }
}
