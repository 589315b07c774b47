package org.hvdiag.hyperv.internal;

import java.util.List;

/**
 * What one command left behind.
 *
 * @param stdout the standard output, decoded as UTF-8 (the shell runs with code page 65001)
 * @param cleanupFailures why the command or the shell could not be ended on the host, if so: the output
 *        is complete, but the host keeps the shell until its idle timeout
 */
record ShellResult(String stdout, String stderr, long exitCode, List<String> cleanupFailures) {
    ShellResult {
        cleanupFailures = List.copyOf(cleanupFailures);
    }
}
