package org.hvdiag.core.connector;

import java.util.Objects;

import org.hvdiag.core.model.Vm;

/**
 * What happened to one VM in a push or an undo. {@code after} is the VM as re-read after the
 * change, or null when it could not be read; {@code detail} says why a VM was skipped or failed.
 */
public record ApplyResult(String vmId, String vmName, Outcome outcome, String detail, Vm after) {

    public enum Outcome { APPLIED, SKIPPED, FAILED }

    public ApplyResult {
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(outcome, "outcome");
        vmName = vmName == null ? vmId : vmName;
        detail = detail == null ? "" : detail;
    }
}
