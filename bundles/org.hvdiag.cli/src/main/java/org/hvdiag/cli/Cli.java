package org.hvdiag.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;

import org.hvdiag.cli.internal.AuditCommand;
import org.hvdiag.cli.internal.ExitCode;
import org.hvdiag.cli.internal.FixCommand;
import org.hvdiag.cli.internal.HvdiagCommand;
import org.hvdiag.cli.internal.RulesCommand;
import org.hvdiag.cli.internal.UndoCommand;

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
        CommandLine cmd = new CommandLine(new HvdiagCommand());
        cmd.addSubcommand(new AuditCommand(catalog, out, err));
        cmd.addSubcommand(new FixCommand(catalog, out, err));
        cmd.addSubcommand(new UndoCommand(catalog, out, err));
        cmd.addSubcommand(new RulesCommand(catalog, out));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExitCodeExceptionMapper(e -> ExitCode.USAGE_OR_INPUT);
        cmd.setParameterExceptionHandler((e, a) -> {
            err.println("hvdiag: " + e.getMessage());
            e.getCommandLine().usage(err);
            return ExitCode.USAGE_OR_INPUT;
        });
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("hvdiag: " + e.getMessage());
            return ExitCode.USAGE_OR_INPUT;
        });
        return cmd.execute(args);
    }
}
