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

    /** Null when the task succeeded, else the server's reason. */
    String await(ManagedObjectReference task) throws ConnectorException {
        long sleep = 50;
        long deadline = System.currentTimeMillis() + LIMIT_MILLIS;
        while (true) {
            Map<String, Object> info = new HashMap<>();
            new PropertyReader(vim).read("Task", List.of(task), List.of("info.state", "info.error"),
                    oc -> {
                        if (oc.getPropSet() != null) {
                            for (var p : oc.getPropSet()) {
                                info.put(p.getName(), p.getVal());
                            }
                        }
                    });
            String state = VmMapper.text(info.get("info.state"));
            if ("success".equals(state)) {
                return null;
            }
            if ("error".equals(state)) {
                Object e = info.get("info.error");
                if (e instanceof LocalizedMethodFault) {
                    LocalizedMethodFault f = (LocalizedMethodFault) e;
                    String name = f.getFault() == null ? "" : f.getFault().getClass().getSimpleName();
                    String msg = f.getLocalizedMessage() == null ? "" : f.getLocalizedMessage();
                    return (name + (msg.isEmpty() || msg.equals(name) ? "" : ": " + msg)).trim();
                }
                return "the task failed without a reason";
            }
            if (System.currentTimeMillis() > deadline) {
                return "the task did not finish within 30 minutes";
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
