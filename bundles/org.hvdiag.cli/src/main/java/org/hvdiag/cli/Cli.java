package org.hvdiag.cli;

import java.io.PrintStream;

import org.hvdiag.cli.internal.CommandTree;
import org.hvdiag.cli.internal.ExitCode;

/**
 * The hvdiag command line, independent of how it was started: the headless Eclipse application
 * hands it the services it found, tests hand it a catalog of their own.
 */
public final class Cli {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    public Cli(Catalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    /** Runs one command and returns its exit code: 0 clean, 1 findings or VMs not fixed, 2 usage or input error. */
    public int run(String... args) {
        try {
            return CommandTree.of(catalog, out, err).execute(args);
        } catch (OutOfMemoryError e) {
            // Unanswered, the Eclipse launcher would log it to a file and exit 0 with no report: a
            // script would take that for a clean fleet. The inventories are dropped by now, so this prints.
            err.println("hvdiag: out of memory (" + e.getMessage() + "): give Java more heap (HVDIAG_JAVA_OPTS=-Xmx2g, "
                    + "for example) or read fewer targets at once (--parallel 1)");
            return ExitCode.USAGE_OR_INPUT;
        }
    }
}
