package org.hvdiag.core.model;

public enum PowerState {
    POWERED_ON, POWERED_OFF, SUSPENDED, UNKNOWN;

    public boolean isOff() {
        return this == POWERED_OFF;
    }
}
