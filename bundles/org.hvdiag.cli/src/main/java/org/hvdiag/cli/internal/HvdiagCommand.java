package org.hvdiag.cli.internal;

import picocli.CommandLine.Command;

@Command(name = "hvdiag", mixinStandardHelpOptions = true, version = "hvdiag 0.1.0",
        description = "Audits VM configurations for USB, virtual hardware, hot-plug and sizing problems that hang or "
                + "crash VMs and hosts, and fixes them: previewed, journalled, verified, undoable.",
        subcommandsRepeatable = false)
public final class HvdiagCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
