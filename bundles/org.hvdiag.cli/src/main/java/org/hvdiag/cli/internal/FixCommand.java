package org.hvdiag.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.cli.Catalog;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalFolder;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

@Command(name = "fix", description = "Fix findings: preview with --dry-run, apply with --yes. Every VM's before-state "
        + "is journalled first; `hvdiag undo JOURNAL` restores it.%n"
        + "Exit code: 0 every planned VM changed (or nothing to do), 1 some VMs were skipped or failed, 2 usage, input or connection error.")
public final class FixCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Folder or .vmx file, or connection URL.")
    String target;

    @Option(names = "--rule", paramLabel = "ID", description = "Fix only this rule's findings (repeatable). Default: every fixable rule.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--vm", paramLabel = "PATTERN", description = "Only VMs whose name matches this glob, e.g. 'web-*'.")
    String vmPattern;

    @Option(names = "--journal", paramLabel = "FILE", description = "Where to journal the push (default: ~/.hvdiag/journals/fix-TIME.jsonl).")
    Path journalFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--dry-run", required = true, description = "Show what would change, change nothing.")
        boolean dryRun;

        @Option(names = "--yes", required = true, description = "Apply the changes.")
        boolean yes;
    }

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    public FixCommand(Catalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        Targets resolver = new Targets(catalog);
        Connector connector = resolver.connectorFor(target);
        StderrProgress progress = new StderrProgress(err);
        try (Session session = resolver.open(connector, target, targetOptions.endpointOptions())) {
            Inventory inventory = session.inventory(progress);
            RuleEngine engine = new RuleEngine(catalog.rules());
            AuditReport report = engine.audit(List.of(inventory), targetOptions.settings());
            FixSelection selection;
            try {
                selection = FixSelection.of(report.findings(), engine.rules(), new LinkedHashSet<>(rules), vmPattern);
            } catch (IllegalArgumentException e) {
                throw new InputError(e.getMessage());
            }
            for (FixSelection.Conflict c : selection.conflicts()) {
                err.println("hvdiag: " + c.vmName() + " left out: " + c.reason());
            }
            List<ChangePlan> plans = selection.plans();
            if (plans.isEmpty()) {
                out.println("Nothing to fix" + (rules.isEmpty() ? "" : " for " + String.join(", ", rules)) + ".");
                return selection.conflicts().isEmpty() ? ExitCode.CLEAN : ExitCode.FINDINGS;
            }
            Map<String, Vm> vms = new java.util.HashMap<>();
            inventory.vms().forEach(vm -> vms.put(vm.id(), vm));
            for (ChangePlan plan : plans) {
                preview(plan, vms.get(plan.vmId()), connector);
            }
            if (mode.dryRun) {
                out.println(plans.size() + " VM(s) would change. Nothing was changed: run again with --yes to apply.");
                return ExitCode.CLEAN;
            }
            Path file = journalFile != null ? journalFile : JournalFolder.newFile(JournalFolder.folder());
            List<ApplyResult> results;
            try (Journal journal = Journal.create(file, connector.id(), target)) {
                out.println("Journal: " + file);
                results = session.apply(plans, journal, progress);
            }
            return ResultTable.print(out, "fix", results, "Undo with: hvdiag undo " + file
                    + (targetOptions.thumbprint == null ? "" : " --thumbprint " + targetOptions.thumbprint));
        } catch (ConnectorException e) {
            throw new InputError(e.getMessage(), e);
        }
    }

    private void preview(ChangePlan plan, Vm vm, Connector connector) {
        out.println(plan.vmName() + "  (" + String.join(", ", plan.ruleIds()) + ")");
        boolean needsOff = false;
        for (ConfigChange change : plan.changes()) {
            ChangeSupport support = connector.support(change);
            needsOff |= support == ChangeSupport.POWERED_OFF_ONLY;
            out.println("    " + change.describe() + (support.isSupported() ? "" : "   [not supported by " + connector.id() + "]"));
        }
        for (Precondition p : plan.preconditions()) {
            out.println("    requires " + p.describe());
        }
        if (needsOff && vm != null && !vm.powerState().isOff()) {
            out.println("    ! the VM must be powered off first (it is " + vm.powerState() + ")");
        }
    }
}
