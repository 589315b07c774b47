package org.hvdiag.audit.internal.rules;

import java.util.EnumSet;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.audit.VmRule;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class MemoryExceedsHost extends BuiltInRule implements VmRule {

    public MemoryExceedsHost() {
        super(new RuleInfo("mem-exceeds-host", "VM memory larger than the host's", Severity.ERROR,
                EnumSet.allOf(HypervisorKind.class),
                "A VM given more memory than its host physically has can never have all of it in RAM: the "
                        + "hypervisor has to keep the rest on disk, and the VM (and the host's other VMs) slow down "
                        + "badly. This is arithmetic on the host's reported memory, not a vendor "
                        + "threshold. There is no automatic fix: sizing is the admin's call.",
                "No vendor document in DOMAIN-FACTS; threshold: the host's physical memory (Host.memoryMiB) "
                        + "reported by the hypervisor",
                false));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (host == null || host.memoryMiB() < 1 || vm.memoryMiB() <= host.memoryMiB()) {
            return;
        }
        report(findings, vm, "Configured memory " + vm.memoryMiB() + " MiB exceeds the " + host.memoryMiB()
                        + " MiB of host " + host.name(),
                evidence(key(vm, "memsize", "memory (MiB)"), String.valueOf(vm.memoryMiB()),
                        "host memory (MiB)", String.valueOf(host.memoryMiB()), "host", host.name()),
                null);
    }
}
