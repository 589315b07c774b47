package org.hvdiag.audit.internal.rules;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.audit.VmRule;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class VcpusExceedHostCores extends BuiltInRule implements VmRule {

    public VcpusExceedHostCores() {
        super(new RuleInfo("cpu-vcpus-exceed-host-cores", "More vCPUs than the host has cores", Severity.WARNING,
                EnumSet.allOf(HypervisorKind.class),
                "A VM with more vCPUs than its host has physical cores cannot run all of them on cores of their "
                        + "own: they share cores (hyper-threads at best) and wait on each other, so the VM is slower "
                        + "than one with fewer vCPUs. The threshold is the host's own core count as the hypervisor "
                        + "reports it; DOMAIN-FACTS has no vendor statement for this, so it stays a warning. The "
                        + "fix sets the vCPUs to the host's core count; check the guest's licensing and workload "
                        + "before applying it.",
                "No vendor document in DOMAIN-FACTS; threshold: the host's physical core count (Host.cpuCores) "
                        + "reported by the hypervisor",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (host == null || host.cpuCores() < 1 || vm.vcpus() <= host.cpuCores()) {
            return;
        }
        Map<String, String> ev = evidence(key(vm, "numvcpus", "vCPUs"), String.valueOf(vm.vcpus()),
                "host cores", String.valueOf(host.cpuCores()));
        if (host.cpuThreads() > 0) {
            ev.put("host threads", String.valueOf(host.cpuThreads()));
        }
        ev.put("host", host.name());
        report(findings, vm, vm.vcpus() + " vCPUs on host " + host.name() + ", which has " + host.cpuCores()
                        + " physical cores",
                ev, plan(vm, List.of(VmField.VCPUS), List.of(new ConfigChange.SetVcpus(host.cpuCores()))));
    }
}
