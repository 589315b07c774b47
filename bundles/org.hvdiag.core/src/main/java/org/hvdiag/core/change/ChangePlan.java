package org.hvdiag.core.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.hvdiag.core.model.Vm;

/**
 * The changes to make to one VM, in order, and what must still hold before they are made.
 * {@code ruleIds} records which findings the plan fixes, for journals and previews.
 */
public record ChangePlan(String vmId, String vmName, List<String> ruleIds, List<Precondition> preconditions,
        List<ConfigChange> changes) {

    public ChangePlan {
        Objects.requireNonNull(vmId, "vmId");
        vmName = vmName == null ? vmId : vmName;
        ruleIds = List.copyOf(ruleIds);
        preconditions = List.copyOf(preconditions);
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a change plan for " + vmName + " has no changes");
        }
    }

    /** A plan for {@code vm} that expects each of {@code checked} to hold the value it has now. */
    public static ChangePlan of(Vm vm, String ruleId, List<VmField> checked, List<ConfigChange> changes) {
        List<Precondition> pre = new ArrayList<>();
        for (VmField f : checked) {
            pre.add(new Precondition.FieldIs(f, f.read(vm)));
        }
        return new ChangePlan(vm.id(), vm.name(), List.of(ruleId), pre, changes);
    }

    /** Null when every precondition holds on {@code current}, else the first violation. */
    public String violation(Vm current) {
        for (Precondition p : preconditions) {
            String v = p.violation(current);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * One plan that does what both do, for fixing several findings on one VM in one push. Repeated
     * changes and preconditions are kept once; two preconditions on the same field with different
     * values cannot both hold, so such plans are refused.
     */
    public ChangePlan merge(ChangePlan other) {
        if (!vmId.equals(other.vmId)) {
            throw new IllegalArgumentException("cannot merge plans of " + vmId + " and " + other.vmId);
        }
        LinkedHashSet<Precondition> pre = new LinkedHashSet<>(preconditions);
        for (Precondition p : other.preconditions) {
            if (p instanceof Precondition.FieldIs f) {
                for (Precondition q : pre) {
                    if (q instanceof Precondition.FieldIs g && g.field() == f.field() && !g.expected().equals(f.expected())) {
                        throw new IllegalArgumentException("conflicting plans for " + vmName + ": " + f.describe() + " vs " + g.describe());
                    }
                }
            }
            pre.add(p);
        }
        LinkedHashSet<ConfigChange> merged = new LinkedHashSet<>(changes);
        merged.addAll(other.changes);
        LinkedHashSet<String> rules = new LinkedHashSet<>(ruleIds);
        rules.addAll(other.ruleIds);
        return new ChangePlan(vmId, vmName, List.copyOf(rules), List.copyOf(pre),
                orderForApply(withoutEditsOfRemoved(List.copyOf(merged))));
    }

    /**
     * One rule may turn off autoconnect on a device or filter that another rule removes: the removal
     * does what the edit wanted, and a hypervisor asked to edit a device it is removing refuses the
     * whole reconfiguration.
     */
    static List<ConfigChange> withoutEditsOfRemoved(List<ConfigChange> changes) {
        Set<String> removed = new HashSet<>();
        for (ConfigChange c : changes) {
            if (c instanceof ConfigChange.RemoveUsbDevice d) {
                removed.add(d.deviceId());
            } else if (c instanceof ConfigChange.RemoveUsbFilter f) {
                removed.add(f.filterId());
            } else if (c instanceof ConfigChange.RemoveUsbController r) {
                removed.add(r.controllerId());
            }
        }
        List<ConfigChange> kept = new ArrayList<>(changes.size());
        for (ConfigChange c : changes) {
            if (!(c instanceof ConfigChange.SetAutoConnect a && !a.enabled() && removed.contains(a.objectId()))) {
                kept.add(c);
            }
        }
        return kept;
    }

    /**
     * Devices and filters go before controllers are removed, controllers are removed before new ones
     * are added (a replaced controller frees its slot), and the hardware upgrade comes last so a
     * failed upgrade leaves the reversible changes made and journalled.
     */
    static List<ConfigChange> orderForApply(List<ConfigChange> changes) {
        List<ConfigChange> sorted = new ArrayList<>(changes);
        sorted.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return sorted;
    }

    private static int rank(ConfigChange c) {
        // Java 17: no pattern switch over the sealed set, so an ordered instanceof chain.
        if (c instanceof ConfigChange.RemoveUsbDevice) return 0;
        if (c instanceof ConfigChange.RemoveUsbFilter) return 1;
        if (c instanceof ConfigChange.SetAutoConnect) return 2;
        if (c instanceof ConfigChange.RemoveUsbController) return 3;
        if (c instanceof ConfigChange.AddUsbController) return 4;
        if (c instanceof ConfigChange.SetCpuHotAdd || c instanceof ConfigChange.SetMemoryHotAdd) return 5;
        if (c instanceof ConfigChange.SetVcpus || c instanceof ConfigChange.SetMemory) return 6;
        if (c instanceof ConfigChange.SetAdvancedSetting) return 7;
        return 8;
    }
}
