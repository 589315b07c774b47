package org.hvdiag.cli.internal;

import java.io.PrintStream;

import org.hvdiag.core.connector.Progress;

/**
 * Progress on stderr, so that stdout stays clean for reports. Quiet for the first second of the run:
 * short runs print nothing; long ones print a line at most twice a second per target. When several
 * targets are read at once, each line starts with its target, and each target's end is told.
 */
final class StderrProgress implements Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintStream err;
    private final long started;
    private final String prefix;
    private long lastPrinted;
    private String task = "";
    private int total;
    private int done;

    StderrProgress(PrintStream err) {
        this(err, System.nanoTime(), "");
    }

    /** A run that started at {@code startedNanos} ({@link System#nanoTime()}), for tests that must not wait. */
    StderrProgress(PrintStream err, long startedNanos) {
        this(err, startedNanos, "");
    }

    private StderrProgress(PrintStream err, long started, String prefix) {
        this.err = err;
        this.started = started;
        this.prefix = prefix;
    }

    /** The progress of one of several targets: its lines start with the target; the quiet second is the run's. */
    StderrProgress forTarget(String target) {
        return new StderrProgress(err, started, target + ": ");
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
        print(total > 0 ? task + ": " + done + "/" + total : task + ": " + done);
    }

    /** How a target's read ended ("read, 2500 VMs", "not read: ..."), told only once the run is no longer short. */
    void finished(String outcome) {
        if (System.nanoTime() - started >= QUIET_NANOS) {
            print(outcome);
        }
    }

    private void print(String line) {
        // Lines of targets read at once must not interleave mid-line.
        synchronized (err) {
            err.println(prefix + line);
        }
    }

    @Override
    public boolean isCanceled() {
        return false;
    }
}
