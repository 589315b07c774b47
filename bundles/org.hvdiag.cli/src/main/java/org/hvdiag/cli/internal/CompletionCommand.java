package org.hvdiag.cli.internal;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash completion script for hvdiag, generated from its commands and options. Install it with:%n"
                + "  hvdiag completion > ~/.local/share/bash-completion/completions/hvdiag%n"
                + "(or source it from ~/.bashrc; zsh can load it with bashcompinit).")
public final class CompletionCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    public CompletionCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(AutoComplete.bash("hvdiag", spec.root().commandLine()));
        out.flush();
        return ExitCode.CLEAN;
    }
}
