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
            removed.addAll(c.accept(RemovedObject.INSTANCE));
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
     * are added (a replaced controller frees its slot), dynamic memory is settled before nested
     * virtualization is exposed, and the hardware upgrade comes last so a failed upgrade leaves the
     * reversible changes made and journalled.
     */
    static List<ConfigChange> orderForApply(List<ConfigChange> changes) {
        List<ConfigChange> sorted = new ArrayList<>(changes);
        sorted.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return sorted;
    }

    private static int rank(ConfigChange c) {
        return c.accept(ApplyOrder.INSTANCE);
    }

    /** The id of the controller, device or filter a change removes, if it removes one. */
    private enum RemovedObject implements ConfigChange.Visitor<Set<String>> {
        INSTANCE;

        @Override public Set<String> removeUsbDevice(ConfigChange.RemoveUsbDevice c) { return Set.of(c.deviceId()); }
        @Override public Set<String> removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return Set.of(c.filterId()); }
        @Override public Set<String> removeUsbController(ConfigChange.RemoveUsbController c) { return Set.of(c.controllerId()); }
        @Override public Set<String> addUsbController(ConfigChange.AddUsbController c) { return Set.of(); }
        @Override public Set<String> setAutoConnect(ConfigChange.SetAutoConnect c) { return Set.of(); }
        @Override public Set<String> upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) { return Set.of(); }
        @Override public Set<String> setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return Set.of(); }
        @Override public Set<String> setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return Set.of(); }
        @Override public Set<String> setVcpus(ConfigChange.SetVcpus c) { return Set.of(); }
        @Override public Set<String> setMemory(ConfigChange.SetMemory c) { return Set.of(); }
        @Override public Set<String> setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return Set.of(); }
        @Override public Set<String> setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) { return Set.of(); }
        @Override public Set<String> setDynamicMemory(ConfigChange.SetDynamicMemory c) { return Set.of(); }
        @Override public Set<String> setNestedVirtualization(ConfigChange.SetNestedVirtualization c) { return Set.of(); }
        @Override public Set<String> setIntegrationService(ConfigChange.SetIntegrationService c) { return Set.of(); }
        @Override public Set<String> setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) { return Set.of(); }
    }

    /** Rank in the order of {@link #orderForApply}. */
    private enum ApplyOrder implements ConfigChange.Visitor<Integer> {
        INSTANCE;

        @Override public Integer removeUsbDevice(ConfigChange.RemoveUsbDevice c) { return 0; }
        @Override public Integer removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return 1; }
        @Override public Integer setAutoConnect(ConfigChange.SetAutoConnect c) { return 2; }
        @Override public Integer removeUsbController(ConfigChange.RemoveUsbController c) { return 3; }
        @Override public Integer addUsbController(ConfigChange.AddUsbController c) { return 4; }
        @Override public Integer setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return 5; }
        @Override public Integer setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return 5; }
        @Override public Integer setVcpus(ConfigChange.SetVcpus c) { return 6; }
        @Override public Integer setMemory(ConfigChange.SetMemory c) { return 6; }
        @Override public Integer setDynamicMemory(ConfigChange.SetDynamicMemory c) { return 6; }
        @Override public Integer setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return 7; }
        @Override public Integer setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) { return 7; }
        @Override public Integer setIntegrationService(ConfigChange.SetIntegrationService c) { return 7; }
        @Override public Integer setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) { return 7; }
        // After dynamic memory (rank 6): nested virtualization does not work with dynamic memory on.
        @Override public Integer setNestedVirtualization(ConfigChange.SetNestedVirtualization c) { return 7; }
        @Override public Integer upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) { return 8; }
    }
}
