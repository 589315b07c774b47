package org.hvdiag.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.Vm;

/**
 * Runs rules over inventories. Rules are sorted by id once and split per hypervisor up front, so
 * auditing a VM is a walk over a plain array of the rules that apply to it.
 */
public final class RuleEngine {
    private final List<Rule> rules;
    private final Map<HypervisorKind, VmRule[]> vmRules = new EnumMap<>(HypervisorKind.class);
    private final Map<HypervisorKind, HostRule[]> hostRules = new EnumMap<>(HypervisorKind.class);
    private final Map<HypervisorKind, EvidenceRule[]> evidenceRules = new EnumMap<>(HypervisorKind.class);

    public RuleEngine(Collection<? extends Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> r.info().id()));
        Map<String, Rule> seen = new HashMap<>();
        for (Rule r : sorted) {
            Rule prior = seen.put(r.info().id(), r);
            if (prior != null) {
                throw new IllegalArgumentException("two rules have the id " + r.info().id() + ": "
                        + prior.getClass().getName() + " and " + r.getClass().getName());
            }
        }
        this.rules = List.copyOf(sorted);
        for (HypervisorKind kind : HypervisorKind.values()) {
            List<VmRule> vm = new ArrayList<>();
            List<HostRule> host = new ArrayList<>();
            List<EvidenceRule> evidence = new ArrayList<>();
            for (Rule r : sorted) {
                if (!r.info().appliesTo().contains(kind)) {
                    continue;
                }
                if (r instanceof VmRule v) {
                    vm.add(v);
                } else if (r instanceof HostRule h) {
                    host.add(h);
                } else if (r instanceof EvidenceRule e) {
                    evidence.add(e);
                }
            }
            vmRules.put(kind, vm.toArray(new VmRule[0]));
            hostRules.put(kind, host.toArray(new HostRule[0]));
            evidenceRules.put(kind, evidence.toArray(new EvidenceRule[0]));
        }
    }

    public List<RuleInfo> rules() {
        return rules.stream().map(Rule::info).toList();
    }

    /** Audits VMs against the hosts they run on; the hot path the benchmarks measure. */
    public void audit(List<Vm> vms, Map<String, Host> hostsById, AuditSettings settings, FindingSink sink) {
        for (Vm vm : vms) {
            Host host = hostsById.get(vm.hostId());
            for (VmRule rule : vmRules.get(vm.kind())) {
                rule.evaluate(vm, host, settings, sink);
            }
        }
        Map<String, List<Vm>> byHost = new LinkedHashMap<>();
        for (Vm vm : vms) {
            byHost.computeIfAbsent(vm.hostId(), k -> new ArrayList<>()).add(vm);
        }
        for (Map.Entry<String, List<Vm>> e : byHost.entrySet()) {
            Host host = hostsById.get(e.getKey());
            if (host == null) {
                continue;
            }
            for (HostRule rule : hostRules.get(host.kind())) {
                rule.evaluate(host, e.getValue(), settings, sink);
            }
        }
    }

    public AuditReport audit(List<Inventory> inventories, AuditSettings settings) {
        return audit(inventories, settings, null);
    }

    /**
     * Audits configuration and, when {@code evidence} is not null, what the VMs' logs say: evidence
     * rules run on each VM that has evidence, after its configuration findings are known.
     */
    public AuditReport audit(List<Inventory> inventories, AuditSettings settings, FleetEvidence evidence) {
        List<Finding> findings = new ArrayList<>();
        List<ObjectError> errors = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        Map<String, String> hostNames = new HashMap<>();
        int vmCount = 0;
        int hostCount = 0;
        for (Inventory inv : inventories) {
            String target = inv.target();
            targets.add(target);
            int firstOfTarget = findings.size();
            audit(inv.vms(), inv.hostsById(), settings,
                    f -> findings.add(f.target().isEmpty() ? f.withTarget(target) : f));
            if (evidence != null) {
                auditEvidence(inv, evidence, findings, firstOfTarget);
            }
            errors.addAll(inv.errors());
            for (Host h : inv.hosts()) {
                hostNames.put(AuditReport.hostKey(target, h.id()), h.name());
            }
            vmCount += inv.vms().size();
            hostCount += inv.hosts().size();
        }
        return new AuditReport(targets, rules(), findings, errors, vmCount, hostCount, hostNames, evidence);
    }

    private void auditEvidence(Inventory inv, FleetEvidence evidence, List<Finding> findings, int firstOfTarget) {
        Map<String, List<Finding>> configByVm = new HashMap<>();
        for (int i = firstOfTarget, n = findings.size(); i < n; i++) {
            Finding f = findings.get(i);
            if (f.vmId() != null) {
                configByVm.computeIfAbsent(f.vmId(), k -> new ArrayList<>()).add(f);
            }
        }
        for (Vm vm : inv.vms()) {
            VmEvidence read = evidence.of(inv.target(), vm.id());
            if (read == null) {
                continue;
            }
            List<Finding> config = List.copyOf(configByVm.getOrDefault(vm.id(), List.of()));
            for (EvidenceRule rule : evidenceRules.get(vm.kind())) {
                rule.evaluate(vm, read, config, f -> findings.add(f.target().isEmpty() ? f.withTarget(inv.target()) : f));
            }
        }
    }
}
