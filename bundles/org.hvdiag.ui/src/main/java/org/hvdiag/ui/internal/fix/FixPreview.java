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
import org.hvdiag.core.change.PlanPreview;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Connectors;
import org.hvdiag.core.model.Vm;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;

/**
 * What fixing the selected findings would do: per VM, core's {@link PlanPreview} (the one the CLI's
 * --dry-run prints) with the connection the VM was read through, which the push needs. VMs whose
 * plans conflict or that are not in the last audit are left out, with why.
 */
public record FixPreview(List<VmPreview> vms, List<String> leftOut) {

    /** One VM of the preview and the connection to push it through. */
    public record VmPreview(Connection connection, PlanPreview preview) { }

    public FixPreview {
        vms = List.copyOf(vms);
        leftOut = List.copyOf(leftOut);
    }

    public static FixPreview of(List<Finding> selected, AuditResults.Snapshot audit, Connectors connectors) {
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
            PlanPreview preview;
            try {
                Connector connector = connectors.require(connection.connectorId());
                preview = PlanPreview.of(plan, before, connector.id(), connector::support);
            } catch (ConnectorException e) {
                // Listed, not left out: the admin sees the VM and why nothing will change it.
                preview = new PlanPreview(plan, before, List.of(), List.of(), false, e.getMessage());
            }
            vms.add(new VmPreview(connection, preview));
        }
        return new FixPreview(vms, leftOut);
    }

    /** The plans to push, per connection, leaving out VMs the preview already knows would be refused. */
    public Map<Connection, List<ChangePlan>> plansByConnection() {
        Map<Connection, List<ChangePlan>> by = new LinkedHashMap<>();
        for (VmPreview v : vms) {
            if (!v.preview().blocked()) {
                by.computeIfAbsent(v.connection(), k -> new ArrayList<>()).add(v.preview().plan());
            }
        }
        return by;
    }
}
