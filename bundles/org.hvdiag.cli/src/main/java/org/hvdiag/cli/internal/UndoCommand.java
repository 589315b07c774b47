package org.hvdiag.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.hvdiag.cli.Catalog;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.JournalReader;

@Command(name = "undo", mixinStandardHelpOptions = true, description = "Restore the VMs a fix changed to their journalled before-state. A VM changed "
        + "again since the fix is left alone and reported.%nExit code: 0 all restored, 1 some not restored, 2 usage or input error.")
public final class UndoCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(index = "0", paramLabel = "JOURNAL", description = "The journal a fix wrote.")
    Path journalFile;

    // The journal names the server but never what was trusted: trust is the admin's call each time.
    ConnectorOptions connectorOptions;

    public UndoCommand(Catalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        JournalReader.Contents journal;
        try {
            journal = JournalReader.read(journalFile);
        } catch (NoSuchFileException e) {
            throw new InputError("no such journal: " + journalFile);
        } catch (IOException e) {
            throw new InputError(e.getMessage(), e);
        }
        long interrupted = journal.entries().stream().filter(e -> e.interrupted()).count();
        if (interrupted > 0) {
            err.println("hvdiag: the push was interrupted: " + interrupted + " VM(s) have no recorded outcome; they are checked one by one");
        }
        Targets resolver = new Targets(catalog.installed());
        Connector connector = resolver.connectorById(journal.connectorId());
        connectorOptions.requireUsedBy(List.of(connector), catalog.installed());
        try (Session session = resolver.open(connector, journal.target(), connectorOptions.forConnector(connector))) {
            List<ApplyResult> results = session.undo(journal.entries(), new StderrProgress(err));
            return ResultTable.print(out, "undo", results, null);
        } catch (ConnectorException e) {
            throw new InputError(e.getMessage(), e);
        }
    }
}
