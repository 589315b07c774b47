package org.hvdiag.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.hvdiag.audit.FleetEvidence;
import org.hvdiag.audit.VmNamePattern;
import org.hvdiag.audit.report.TimelineWriter;
import org.hvdiag.cli.Catalog;
import org.hvdiag.core.model.ObjectError;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print what the VMs' own logs say happened (USB devices connected, disconnected or failing, power-ons, "
                + "normal and abnormal stops, guest stop codes, hard power-offs), oldest first per VM, with the file and "
                + "line of each, then notes on the logs that could not be read.%nExit code: 0 read (notes do not change it), "
                + "2 usage, input or connection error (including any VM or target that could not be read).")
public final class EventsCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(arity = "1..*", paramLabel = "TARGET", description = "Folders or VM files, or connection URLs "
            + "(`hvdiag connectors` lists the forms).")
    List<String> targets;

    @Option(names = "--vm", paramLabel = "PATTERN", description = "Only VMs whose name matches this glob, e.g. 'web-*'.")
    String vmPattern;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Mixin
    EvidenceOptions evidenceOptions = new EvidenceOptions();

    @Mixin
    ParallelOption parallel = new ParallelOption();

    ConnectorOptions connectorOptions;

    Clock clock = Clock.systemUTC();

    public EventsCommand(Catalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        TimelineWriter writer;
        try {
            writer = TimelineWriter.forName(format);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        Targets resolver = new Targets(catalog.installed());
        Targets.Read read = resolver.read(targets, connectorOptions, new StderrProgress(err), parallel.value(),
                evidenceOptions.window(clock), VmNamePattern.of(vmPattern));
        if (read.nothingRead()) {
            return FailedTargets.tell(read, err);
        }
        FleetEvidence evidence = read.evidence();
        ReportOutput.write(output, out, o -> writer.write(evidence, o));
        boolean complete = true;
        for (var inv : read.inventories()) {
            for (ObjectError e : inv.errors()) {
                err.println("hvdiag: could not read " + e);
                complete = false;
            }
        }
        return complete ? ExitCode.CLEAN : ExitCode.USAGE_OR_INPUT;
    }
}
