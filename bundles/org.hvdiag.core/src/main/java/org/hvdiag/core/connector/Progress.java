package org.hvdiag.core.connector;

/**
 * Where long work reports how far it is and learns whether the admin cancelled it. The CLI prints
 * it to stderr; the workbench maps it to an Eclipse progress monitor.
 */
public interface Progress {

    Progress NONE = new Progress() {
        @Override public void begin(String task, int totalWork) { }
        @Override public void worked(int units) { }
        @Override public boolean isCanceled() { return false; }
    };

    void begin(String task, int totalWork);

    void worked(int units);

    boolean isCanceled();
}
