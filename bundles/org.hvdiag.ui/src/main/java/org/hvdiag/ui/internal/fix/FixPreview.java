package org.hvdiag.ui.internal.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FixSelection;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangePreview;
import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.model.Vm;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;
import org.hvdiag.ui.internal.Installed;

/**
 * What fixing the selected findings would do, per VM: the plan (planned by the CLI's own
 * FixSelection), the model values before and after it (ChangePreview), and whether the VM must be
 * powered off first. A VM whose plans conflict, or whose plan the model refuses, is listed with why.
 */
public record FixPreview(List<VmPreview> vms, List<String> leftOut) {

    /** One VM of the preview. {@code blocker} is non-empty when the push would refuse the VM. */
    public record VmPreview(Connection connection, Vm before, ChangePlan plan, List<ChangePreview.FieldChange> changes,
            boolean mustPowerOff, String blocker) { }

    public static FixPreview of(List<Finding> selected, AuditResults.Snapshot audit, Installed installed) {
        FixSelection selection = FixSelection.of(selected, audit.report().rules(), Set.of(), null);
        List<VmPreview> vms = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (FixSelection.Conflict c : selection.conflicts()) {
            leftOut.add(c.vmName() + ": " + c.reason());
        }
        for (ChangePlan plan : selection.plans()) {
            Optional<Map.Entry<Connection, Vm>> where = audit.vm(plan.vmId());
            if (where.isEmpty()) {
                leftOut.add(plan.vmName() + ": not in the last audit's inventory");
                continue;
            }
            Connection connection = where.get().getKey();
            Vm before = where.get().getValue();
            Optional<Connector> connector = installed.connector(connection.connectorId());
            boolean offOnly = false;
            String blocker = "";
            for (ConfigChange change : plan.changes()) {
                ChangeSupport support = connector.map(c -> c.support(change)).orElse(ChangeSupport.UNSUPPORTED);
                offOnly |= support == ChangeSupport.POWERED_OFF_ONLY;
                if (!support.isSupported()) {
                    blocker = change.describe() + " is not supported by " + connection.connectorId();
                }
            }
            List<ChangePreview.FieldChange> changes;
            try {
                changes = ChangePreview.differences(before, ChangePreview.apply(before, plan));
            } catch (IllegalArgumentException e) {
                changes = List.of();
                blocker = e.getMessage();
            }
            boolean mustPowerOff = offOnly && !before.powerState().isOff();
            vms.add(new VmPreview(connection, before, plan, changes, mustPowerOff, blocker));
        }
        return new FixPreview(vms, leftOut);
    }

    /** The plans to push, per connection, leaving out VMs the preview already knows would be refused. */
    public Map<Connection, List<ChangePlan>> plansByConnection() {
        Map<Connection, List<ChangePlan>> by = new LinkedHashMap<>();
        for (VmPreview v : vms) {
            if (v.blocker().isEmpty()) {
                by.computeIfAbsent(v.connection(), k -> new ArrayList<>()).add(v.plan());
            }
        }
        return by;
    }
}
