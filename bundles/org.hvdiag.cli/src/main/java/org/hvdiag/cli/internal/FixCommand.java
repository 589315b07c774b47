package org.hvdiag.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.change.PlanPreview;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalFolder;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

@Command(name = "fix", mixinStandardHelpOptions = true, description = "Fix findings: preview with --dry-run, apply with --yes. Every VM's before-state "
        + "is journalled first; `hvdiag undo JOURNAL` restores it.%n"
        + "Exit code: 0 every planned VM changed (or nothing to do), 1 some VMs were skipped or failed, 2 usage, input or connection error.")
public final class FixCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Folder or VM file, or connection URL (`hvdiag connectors` lists the forms).")
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

    ConnectorOptions connectorOptions;

    public FixCommand(Catalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        Targets resolver = new Targets(catalog.installed());
        Connector connector = resolver.connectorFor(target);
        connectorOptions.requireUsedBy(List.of(connector), catalog.installed());
        StderrProgress progress = new StderrProgress(err);
        try (Session session = resolver.open(connector, target, connectorOptions.forConnector(connector))) {
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
            Map<String, Vm> vms = new HashMap<>();
            inventory.vms().forEach(vm -> vms.put(vm.id(), vm));
            List<ChangePlan> pushed = new ArrayList<>();
            for (ChangePlan plan : plans) {
                PlanPreview preview = PlanPreview.of(plan, vms.get(plan.vmId()), connector.id(), connector::support);
                print(preview);
                if (!preview.blocked()) {
                    pushed.add(plan);
                }
            }
            plans = pushed;
            if (plans.isEmpty()) {
                out.println("No VM can be changed as planned; nothing was changed.");
                return ExitCode.FINDINGS;
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
            String thumbprint = connectorOptions.value(ConnectorOption.THUMBPRINT);
            return ResultTable.print(out, "fix", results, "Undo with: hvdiag undo " + file
                    + (thumbprint == null ? "" : " --thumbprint " + thumbprint));
        } catch (ConnectorException e) {
            throw new InputError(e.getMessage(), e);
        }
    }

    /** The dry-run lines of one VM; a blocked VM says why and is left out of the push. */
    private void print(PlanPreview preview) {
        ChangePlan plan = preview.plan();
        out.println(plan.vmName() + "  (" + String.join(", ", plan.ruleIds()) + ")");
        for (PlanPreview.Line line : preview.lines()) {
            out.println("    " + line.change().describe() + (line.support().isSupported() ? "" : "   [not supported]"));
        }
        for (Precondition p : plan.preconditions()) {
            out.println("    requires " + p.describe());
        }
        for (ChangePreview.FieldChange c : preview.changes()) {
            out.println("    " + c.field().label() + ": " + c.before() + " -> " + c.after());
        }
        if (preview.mustPowerOff()) {
            out.println("    ! the VM must be powered off first (it is " + preview.before().powerState() + ")");
        }
        if (preview.blocked()) {
            out.println("    ! left out: " + preview.blocker());
        }
    }
}
