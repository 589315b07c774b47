package org.hvdiag.cli;

import java.io.PrintStream;

import org.hvdiag.cli.internal.CommandTree;

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
        return CommandTree.of(catalog, out, err).execute(args);
    }
}
