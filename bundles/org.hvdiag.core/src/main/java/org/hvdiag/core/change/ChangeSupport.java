package org.hvdiag.core.change;

/** How a connector can make one kind of change. */
public enum ChangeSupport {
    WHILE_RUNNING, POWERED_OFF_ONLY, UNSUPPORTED;

    public boolean isSupported() {
        return this != UNSUPPORTED;
    }
}
