package org.hvdiag.cli.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.Severity;
import org.hvdiag.audit.report.ReportFormats;
import org.hvdiag.audit.report.ReportWriter;
import org.hvdiag.cli.Catalog;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;

@Command(name = "audit", description = "Audit VM configurations and report findings.%n"
        + "Exit code: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, input or connection error "
        + "(including any VM that could not be read).")
public final class AuditCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Folders or .vmx files, or connection URLs. "
            + "Default: VMware Workstation's VM folder on this machine.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json, csv, html or sarif (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error", description = "info, warning or error (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

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
        Targets resolver = new Targets(catalog);
        List<String> chosen = targets.isEmpty() ? resolver.defaults() : targets;
        if (chosen.isEmpty()) {
            throw new InputError("no TARGET given and no default VM folder found on this machine; name a folder, a .vmx file or a URL");
        }
        List<Inventory> inventories = new ArrayList<>();
        StderrProgress progress = new StderrProgress(err);
        for (String target : chosen) {
            Connector connector = resolver.connectorFor(target);
            try (Session session = resolver.open(connector, target, targetOptions.endpointOptions())) {
                inventories.add(session.inventory(progress));
            } catch (ConnectorException e) {
                throw new InputError(e.getMessage(), e);
            }
        }
        AuditReport report = new RuleEngine(catalog.rules()).audit(inventories, targetOptions.settings());
        write(writer, report);
        for (ObjectError e : report.errors()) {
            err.println("hvdiag: could not read " + e);
        }
        if (!report.errors().isEmpty()) {
            return ExitCode.USAGE_OR_INPUT;
        }
        return report.hasFindingsAtLeast(threshold) ? ExitCode.FINDINGS : ExitCode.CLEAN;
    }

    private void write(ReportWriter writer, AuditReport report) throws IOException {
        if (output == null) {
            OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            writer.write(report, buffered);
            buffered.flush();
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            writer.write(report, o);
        }
    }
}
