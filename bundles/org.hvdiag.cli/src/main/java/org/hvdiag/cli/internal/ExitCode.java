package org.hvdiag.cli.internal;

/** The exit codes scripts rely on; documented in the README. */
public final class ExitCode {
    public static final int CLEAN = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE_OR_INPUT = 2;

    private ExitCode() {
    }
}
