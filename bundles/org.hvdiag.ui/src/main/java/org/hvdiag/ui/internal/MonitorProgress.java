package org.hvdiag.ui.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import org.hvdiag.core.connector.Progress;

/** A connector's progress shown in an Eclipse job's progress bar; the job's Cancel reaches the connector. */
public final class MonitorProgress implements Progress {
    private final IProgressMonitor monitor;
    private SubMonitor sub;

    public MonitorProgress(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void begin(String task, int totalWork) {
        sub = SubMonitor.convert(monitor, task, totalWork < 0 ? IProgressMonitor.UNKNOWN : totalWork);
        sub.subTask(task);
    }

    @Override
    public void worked(int units) {
        if (sub != null) {
            sub.worked(units);
        }
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }
}
