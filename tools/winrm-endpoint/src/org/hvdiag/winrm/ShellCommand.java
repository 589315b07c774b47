package org.hvdiag.winrm;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A command started by Command: it runs on the host's scheduler after the configured delay (how long
 * the "process" takes), and Receive hands its output out in chunks that fit the client's
 * MaxEnvelopeSize. A Signal before it ran stops it from running at all, as killing the process would.
 */
final class ShellCommand {
    private final String id;
    private final CompletableFuture<CommandOutput> output = new CompletableFuture<>();
    private final ScheduledFuture<?> task;
    private int stdoutSent;
    private int stderrSent;

    ShellCommand(String id, Supplier<CommandOutput> run, Duration delay, ScheduledExecutorService scheduler) {
        this.id = id;
        this.task = scheduler.schedule(() -> {
            try {
                output.complete(run.get());
            } catch (RuntimeException e) {
                output.completeExceptionally(e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    String id() {
        return id;
    }

    /**
     * The next chunk of at most {@code budget} bytes over both streams, waiting up to {@code wait}
     * for the command to finish; the w:TimedOut fault when it has not.
     */
    synchronized OutputChunk next(Duration wait, int budget) throws WsmanFault {
        CommandOutput out;
        try {
            out = output.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw WsmanFault.timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WsmanFault.timedOut();
        } catch (ExecutionException e) {
            // A bug of this endpoint, not an answer Windows would give: say so on stderr, exit code 1.
            out = CommandOutput.of("", "hvdiag loopback host: internal error: " + e.getCause() + "\n", 1);
            output.obtrudeValue(out);
        }
        int outLen = Math.min(budget, out.stdout().length - stdoutSent);
        byte[] so = Arrays.copyOfRange(out.stdout(), stdoutSent, stdoutSent + outLen);
        stdoutSent += outLen;
        int errLen = Math.min(budget - outLen, out.stderr().length - stderrSent);
        byte[] se = Arrays.copyOfRange(out.stderr(), stderrSent, stderrSent + errLen);
        stderrSent += errLen;
        boolean last = stdoutSent == out.stdout().length && stderrSent == out.stderr().length;
        return new OutputChunk(so, se, last, out.exitCode());
    }

    /**
     * terminate or ctrl_c: a command that has not run yet never will; a later Receive finds it ended
     * with STATUS_CONTROL_C_EXIT (0xC000013A), the exit code of a console process stopped by Ctrl+C.
     */
    void stop() {
        if (task.cancel(false)) {
            output.complete(new CommandOutput(new byte[0], new byte[0], 0xC000013A));
        }
    }
}
