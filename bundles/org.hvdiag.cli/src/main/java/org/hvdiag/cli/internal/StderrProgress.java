package org.hvdiag.cli.internal;

import java.io.PrintStream;

import org.hvdiag.core.connector.Progress;

/**
 * Progress on stderr, so that stdout stays clean for reports. Quiet for the first second: short
 * runs print nothing; long ones print a line at most twice a second.
 */
final class StderrProgress implements Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintStream err;
    private final long started = System.nanoTime();
    private long lastPrinted;
    private String task = "";
    private int total;
    private int done;

    StderrProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void begin(String newTask, int totalWork) {
        task = newTask;
        total = totalWork;
        done = 0;
    }

    @Override
    public synchronized void worked(int units) {
        done += units;
        long now = System.nanoTime();
        if (now - started < QUIET_NANOS || now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = now;
        err.println(total > 0 ? task + ": " + done + "/" + total : task + ": " + done);
    }

    @Override
    public boolean isCanceled() {
        return false;
    }
}
