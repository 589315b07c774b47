package org.hvdiag.core.change;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hvdiag.core.model.Vm;

/**
 * What one plan would do to one VM, as the CLI's --dry-run and the workbench's Fix preview show it:
 * the model values before and after, whether the VM must be powered off first, and, when the push
 * would refuse it, why ({@code blocker}). The one fix preview both front ends use.
 */
public record PlanPreview(ChangePlan plan, Vm before, List<ChangePreview.FieldChange> changes,
        List<Line> lines, boolean mustPowerOff, String blocker) {

    /** One change of the plan and how the connector can make it. */
    public record Line(ConfigChange change, ChangeSupport support) { }

    public PlanPreview {
        changes = List.copyOf(changes);
        lines = List.copyOf(lines);
        blocker = blocker == null ? "" : blocker;
    }

    public boolean blocked() {
        return !blocker.isEmpty();
    }

    /**
     * The preview of {@code plan} on {@code before}, whose connector answers {@code support}. A
     * change the connector cannot make, a plan whose preconditions no longer hold or that the model
     * refuses (a change naming an object that is not there) blocks the VM.
     */
    public static PlanPreview of(ChangePlan plan, Vm before, String connectorId, Function<ConfigChange, ChangeSupport> support) {
        List<Line> lines = new ArrayList<>();
        boolean offOnly = false;
        String blocker = "";
        for (ConfigChange change : plan.changes()) {
            ChangeSupport s = support.apply(change);
            lines.add(new Line(change, s));
            offOnly |= s == ChangeSupport.POWERED_OFF_ONLY;
            if (!s.isSupported() && blocker.isEmpty()) {
                blocker = change.describe() + " is not supported by " + connectorId;
            }
        }
        List<ChangePreview.FieldChange> changes = List.of();
        try {
            changes = ChangePreview.differences(before, ChangePreview.apply(before, plan));
        } catch (IllegalArgumentException e) {
            if (blocker.isEmpty()) {
                blocker = e.getMessage();
            }
        }
        return new PlanPreview(plan, before, changes, lines, offOnly && !before.powerState().isOff(), blocker);
    }
}
