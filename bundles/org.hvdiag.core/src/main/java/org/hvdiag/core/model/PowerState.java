package org.hvdiag.core.model;

/** PAUSED is Hyper-V's Paused: the VM keeps its memory but runs no instructions. */
public enum PowerState {
    POWERED_ON, POWERED_OFF, SUSPENDED, PAUSED, UNKNOWN;

    public boolean isOff() {
        return this == POWERED_OFF;
    }

    /** A running or paused VM occupies its memory on the host; an off or saved one does not. */
    public boolean holdsMemory() {
        return this == POWERED_ON || this == PAUSED;
    }
}
