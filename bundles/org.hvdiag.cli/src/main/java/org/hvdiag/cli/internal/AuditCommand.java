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

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.Severity;
import org.hvdiag.audit.report.ReportFormats;
import org.hvdiag.audit.report.ReportWriter;
import org.hvdiag.cli.Catalog;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.model.ObjectError;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit VM configurations and report findings.%n"
        + "Exit code: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, input or connection error "
        + "(including any VM or target that could not be read: the report then has the others).")
public final class AuditCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    TargetList targetList = new TargetList();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, csv, html, sarif or xlsx (default: ${DEFAULT-VALUE}). xlsx is a workbook with sheets "
            + "Findings, VMs, USB and Hosts, headers frozen and filters on; it needs -o FILE.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error", description = "info, warning or error (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    ParallelOption parallel = new ParallelOption();

    @Option(names = "--evidence", description = "Also read the VMs' own logs (vmware.log, VBox.log, the QEMU log, the Hyper-V "
            + "worker event log) over the --since window, add the evidence rules' findings with the events behind them, and "
            + "list what could not be read.")
    boolean evidence;

    @Mixin
    EvidenceOptions evidenceOptions = new EvidenceOptions();

    Clock clock = Clock.systemUTC();

    ConnectorOptions connectorOptions;

    public AuditCommand(Catalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        ReportWriter writer;
        Severity threshold;
        try {
            writer = ReportFormats.forName(format);
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        if (writer.binary() && output == null) {
            throw new InputError("--format " + writer.format() + " writes a workbook (a zip file), not text: name the file with -o FILE");
        }
        Targets resolver = new Targets(catalog.installed());
        if (!evidence && evidenceOptions.given()) {
            throw new InputError("--since, --until and --log-bytes choose which logs --evidence reads: add --evidence");
        }
        EvidenceWindow window = evidence ? evidenceOptions.window(clock) : null;
        Targets.Read read = resolver.read(resolver.orDefaults(targetList.targets), connectorOptions,
                new StderrProgress(err), parallel.value(), window, null);
        if (read.nothingRead()) {
            return FailedTargets.tell(read, err);
        }
        AuditReport report = new RuleEngine(catalog.rules()).audit(read.inventories(), targetOptions.settings(),
                read.evidence());
        // The workbook lists the fleet beside the findings; the other formats take the report alone.
        ReportOutput.write(output, out, o -> writer.write(report, read.inventories(), o));
        for (ObjectError e : report.errors()) {
            err.println("hvdiag: could not read " + e);
        }
        if (!report.errors().isEmpty()) {
            return ExitCode.USAGE_OR_INPUT;
        }
        return report.hasFindingsAtLeast(threshold) ? ExitCode.FINDINGS : ExitCode.CLEAN;
    }
}
