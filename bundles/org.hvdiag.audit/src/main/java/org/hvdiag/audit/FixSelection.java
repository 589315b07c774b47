package org.hvdiag.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hvdiag.core.change.ChangePlan;

/**
 * Which findings a fix run acts on, merged into one plan per VM. Rules that conflict on one VM
 * (two plans expecting different current values) leave that VM out, with the reason. The CLI's
 * `fix` and the workbench's fix preview plan through this one class, so both push the same plans.
 */
public final class FixSelection {
    public record Conflict(String vmName, String reason) { }

    private final List<ChangePlan> plans = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    private FixSelection() {
    }

    /**
     * @param ruleIds the rules to fix; empty means every fixable rule
     * @param vmPattern a glob on the VM name (or id), null for all VMs
     * @throws IllegalArgumentException for an unknown rule id or a rule without a fix
     */
    public static FixSelection of(List<Finding> findings, List<RuleInfo> catalog, Set<String> ruleIds, String vmPattern) {
        for (String id : ruleIds) {
            RuleInfo info = catalog.stream().filter(r -> r.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--rule " + id + ": no such rule (hvdiag rules lists them)"));
            if (!info.fixable()) {
                throw new IllegalArgumentException("--rule " + id + ": this rule has no automatic fix; its rationale says what to do by hand");
            }
        }
        VmNamePattern vmMatcher = VmNamePattern.of(vmPattern);
        Map<String, ChangePlan> byVm = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        FixSelection selection = new FixSelection();
        for (Finding f : findings) {
            if (!f.fixable() || f.vmId() == null || (!ruleIds.isEmpty() && !ruleIds.contains(f.ruleId()))) {
                continue;
            }
            if (vmMatcher != null && !vmMatcher.matches(f.vmName(), f.vmId())) {
                continue;
            }
            if (refused.containsKey(f.vmId())) {
                continue;
            }
            ChangePlan prior = byVm.get(f.vmId());
            try {
                byVm.put(f.vmId(), prior == null ? f.fix() : prior.merge(f.fix()));
            } catch (IllegalArgumentException e) {
                byVm.remove(f.vmId());
                refused.put(f.vmId(), f.vmName());
                selection.conflicts.add(new Conflict(f.vmName(), e.getMessage()));
            }
        }
        selection.plans.addAll(byVm.values());
        return selection;
    }

    public List<ChangePlan> plans() {
        return plans;
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }
}
