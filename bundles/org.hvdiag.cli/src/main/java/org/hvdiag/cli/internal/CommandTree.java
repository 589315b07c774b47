package org.hvdiag.cli.internal;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;

import org.hvdiag.cli.Catalog;

/**
 * Every hvdiag command, wired once: the connectors' options are added to the commands that read
 * targets, and usage errors print the command's help. The completion script is generated from this
 * same tree, so it always offers what the parser accepts.
 */
public final class CommandTree {
    private CommandTree() {
    }

    public static CommandLine of(Catalog catalog, PrintStream out, PrintStream err) {
        CommandLine cmd = new CommandLine(new HvdiagCommand());
        AuditCommand audit = new AuditCommand(catalog, out, err);
        InventoryCommand inventory = new InventoryCommand(catalog, out, err);
        FixCommand fix = new FixCommand(catalog, out, err);
        UndoCommand undo = new UndoCommand(catalog, out, err);
        EventsCommand events = new EventsCommand(catalog, out, err);
        cmd.addSubcommand(withOptions(audit, catalog, o -> audit.connectorOptions = o));
        cmd.addSubcommand(withOptions(inventory, catalog, o -> inventory.connectorOptions = o));
        cmd.addSubcommand(withOptions(fix, catalog, o -> fix.connectorOptions = o));
        cmd.addSubcommand(withOptions(undo, catalog, o -> undo.connectorOptions = o));
        cmd.addSubcommand(withOptions(events, catalog, o -> events.connectorOptions = o));
        cmd.addSubcommand(new RulesCommand(catalog, out));
        cmd.addSubcommand(new ConnectorsCommand(catalog, out));
        cmd.addSubcommand(new CompletionCommand(out));
        cmd.addSubcommand(new CommandLine.HelpCommand());
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
        return cmd;
    }

    private static CommandLine withOptions(Object command, Catalog catalog, java.util.function.Consumer<ConnectorOptions> into) {
        CommandLine sub = new CommandLine(command);
        into.accept(ConnectorOptions.addTo(sub.getCommandSpec(), catalog.installed()));
        return sub;
    }
}
