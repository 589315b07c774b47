package org.hvdiag.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.hvdiag.audit.report.InventoryWriter;
import org.hvdiag.cli.Catalog;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "List what the connectors read, before any rule looks at it: hosts with their facts, and VMs with "
                + "hardware version, guest, CPUs, memory, hot-add, USB controllers, devices and autoconnect rules, tools.%n"
                + "Exit code: 0 everything read, 2 usage, input or connection error (including any VM or target that could not be read: the listing then has the others).")
public final class InventoryCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    TargetList targetList = new TargetList();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = "vms", description = "For csv: vms (one row per VM), usb "
            + "(one row per USB controller, device or autoconnect rule) or hosts (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Mixin
    ParallelOption parallel = new ParallelOption();

    ConnectorOptions connectorOptions;

    public InventoryCommand(Catalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        InventoryWriter writer;
        try {
            writer = InventoryWriter.forName(format, table);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        Targets resolver = new Targets(catalog.installed());
        Targets.Read read = resolver.read(resolver.orDefaults(targetList.targets), connectorOptions, new StderrProgress(err),
                parallel.value());
        if (read.nothingRead()) {
            return FailedTargets.tell(read, err);
        }
        List<Inventory> inventories = read.inventories();
        ReportOutput.write(output, out, o -> writer.write(inventories, o));
        boolean complete = true;
        for (Inventory inv : inventories) {
            for (ObjectError e : inv.errors()) {
                err.println("hvdiag: could not read " + e);
                complete = false;
            }
        }
        return complete ? ExitCode.CLEAN : ExitCode.USAGE_OR_INPUT;
    }
}
