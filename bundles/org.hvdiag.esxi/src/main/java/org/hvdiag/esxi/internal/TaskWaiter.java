package org.hvdiag.esxi.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.ManagedObjectReference;

import org.hvdiag.core.connector.ConnectorException;

/** Waits for a vSphere task by reading its state, backing off from 50 ms to 1 s between reads. */
final class TaskWaiter {
    private static final long LIMIT_MILLIS = 30 * 60_000L;

    private final VimConnection vim;

    TaskWaiter(VimConnection vim) {
        this.vim = vim;
    }

    /** How a task ended: {@code error} null when it succeeded, {@code result} what it returned (or null). */
    record Outcome(String error, Object result) {
    }

    /** Null when the task succeeded, else the server's reason. */
    String await(ManagedObjectReference task) throws ConnectorException {
        return finish(task, false).error();
    }

    /** The task's outcome with its result (SearchDatastore_Task's files, for one). */
    Outcome awaitResult(ManagedObjectReference task) throws ConnectorException {
        return finish(task, true);
    }

    private Outcome finish(ManagedObjectReference task, boolean withResult) throws ConnectorException {
        List<String> paths = withResult ? List.of("info.state", "info.error", "info.result") : List.of("info.state", "info.error");
        long sleep = 50;
        long deadline = System.currentTimeMillis() + LIMIT_MILLIS;
        while (true) {
            Map<String, Object> info = new HashMap<>();
            new PropertyReader(vim).read("Task", List.of(task), paths,
                    oc -> {
                        if (oc.getPropSet() != null) {
                            for (var p : oc.getPropSet()) {
                                info.put(p.getName(), p.getVal());
                            }
                        }
                    });
            String state = VmMapper.text(info.get("info.state"));
            if ("success".equals(state)) {
                return new Outcome(null, info.get("info.result"));
            }
            if ("error".equals(state)) {
                Object e = info.get("info.error");
                if (e instanceof LocalizedMethodFault) {
                    LocalizedMethodFault f = (LocalizedMethodFault) e;
                    String name = f.getFault() == null ? "" : f.getFault().getClass().getSimpleName();
                    String msg = f.getLocalizedMessage() == null ? "" : f.getLocalizedMessage();
                    return new Outcome((name + (msg.isEmpty() || msg.equals(name) ? "" : ": " + msg)).trim(), null);
                }
                return new Outcome("the task failed without a reason", null);
            }
            if (System.currentTimeMillis() > deadline) {
                return new Outcome("the task did not finish within 30 minutes", null);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted while waiting for a task on " + vim.url().hostAndPort());
            }
            sleep = Math.min(1000, sleep * 2);
        }
    }
}
