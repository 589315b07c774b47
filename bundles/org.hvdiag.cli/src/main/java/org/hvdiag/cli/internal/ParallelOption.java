package org.hvdiag.cli.internal;

import picocli.CommandLine.Option;

/**
 * How many targets a command reads at once. Reading a server is mostly waiting for it, so several
 * overlap well even on two cores; the bound keeps the number of sessions a run opens (and the
 * response pages it holds in memory at one time) small, whatever the number of targets named.
 */
public final class ParallelOption {
    static final int DEFAULT = 4;
    static final int MAX = 64;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Read at most N targets at once "
            + "(default: ${DEFAULT-VALUE}; 1 reads them one after another). The report keeps the order they were named in.")
    int parallel = DEFAULT;

    int value() {
        if (parallel < 1 || parallel > MAX) {
            throw new InputError("--parallel: " + parallel + " is not between 1 and " + MAX);
        }
        return parallel;
    }
}
