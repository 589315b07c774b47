package org.hvdiag.cli.internal;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Parameters;

/** The targets of a command that reads several (audit, inventory), or none for this machine's default. */
public final class TargetList {
    @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Folders or VM files, or connection URLs "
            + "(`hvdiag connectors` lists the forms). Default: VMware Workstation's VM folder on this machine.")
    List<String> targets = new ArrayList<>();
}
