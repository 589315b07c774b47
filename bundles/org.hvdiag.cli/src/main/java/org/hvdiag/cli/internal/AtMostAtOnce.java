package org.hvdiag.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on at most N threads and returns their results in the jobs' order, whatever order they
 * finish in. Jobs report their own failures as results; an exception one throws anyway (a bug) ends
 * the run once the jobs before it are done.
 */
final class AtMostAtOnce {
    private AtMostAtOnce() {
    }

    static <T> List<T> run(List<Callable<T>> jobs, int atOnce) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(atOnce, jobs.size()), r -> {
            Thread t = new Thread(r, "hvdiag-target-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> job : jobs) {
                running.add(pool.submit(job));
            }
            List<T> results = new ArrayList<>(jobs.size());
            for (Future<T> f : running) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading targets", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
