package org.hvdiag.audit.internal.rules;

import java.util.EnumSet;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.HostRule;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

/**
 * Counts the VMs that are powered on (or paused, which Hyper-V VMs can be), since only they hold memory. A folder of .vmx files has no
 * running VMs to see; then every VM configured for the host is counted, as the load the host would
 * carry if they all ran, and the message says so.
 */
@Component(service = Rule.class)
public final class HostMemoryOvercommit extends BuiltInRule implements HostRule {

    public HostMemoryOvercommit() {
        super(new RuleInfo("mem-host-overcommit", "VMs given more memory than their host has", Severity.WARNING,
                EnumSet.allOf(HypervisorKind.class),
                "When the powered-on VMs of a host are given more memory in total than the host physically has, "
                        + "the hypervisor must reclaim memory from them (ballooning, compression, swapping) and the "
                        + "VMs slow down under load. Some overcommit can be deliberate, hence a warning. This is "
                        + "arithmetic on the host's reported memory, not a vendor threshold. No automatic fix: "
                        + "which VM to shrink or move is the admin's call.",
                "No vendor document in DOMAIN-FACTS; threshold: the host's physical memory (Host.memoryMiB) "
                        + "reported by the hypervisor",
                false));
    }

    @Override
    public void evaluate(Host host, List<Vm> vms, AuditSettings settings, FindingSink findings) {
        long hostMemory = host.memoryMiB();
        if (hostMemory < 1) {
            return;
        }
        long onTotal = 0;
        long allTotal = 0;
        int on = 0;
        int all = 0;
        for (int i = 0, n = vms.size(); i < n; i++) {
            Vm vm = vms.get(i);
            long m = vm.memoryMiB();
            if (m < 0) {
                continue;
            }
            all++;
            allTotal += m;
            if (vm.powerState().holdsMemory()) {
                on++;
                onTotal += m;
            }
        }
        boolean noneOn = on == 0;
        long total = noneOn ? allTotal : onTotal;
        if (total <= hostMemory) {
            return;
        }
        String message = noneOn
                ? "No VM on host " + host.name() + " is powered on; if its "
                        + plural(all, "configured VM", "configured VMs") + " all ran they would be given " + total
                        + " MiB of memory, more than the host's " + hostMemory + " MiB"
                : plural(on, "powered-on VM", "powered-on VMs") + " on host " + host.name() + " "
                        + (on == 1 ? "is" : "are") + " given " + total + " MiB of memory, more than the host's "
                        + hostMemory + " MiB";
        findings.add(new Finding(info().id(), info().severity(), "", host.id(), null, null, message,
                evidence("host", host.name(), "host memory (MiB)", String.valueOf(hostMemory),
                        "total VM memory (MiB)", String.valueOf(total),
                        "VMs counted", noneOn ? all + " (all configured, none powered on)" : on + " (powered on)"),
                null));
    }
}
