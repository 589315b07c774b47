package org.hvdiag.audit.internal.rules;

import java.util.EnumSet;
import java.util.List;

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
public final class CpuHotAddDisablesVnuma extends BuiltInRule implements VmRule {
    /** vNUMA is on by default above this many vCPUs (vSphere 8 Resource Management). */
    static final int VNUMA_DEFAULT_ABOVE = 8;

    public CpuHotAddDisablesVnuma() {
        super(new RuleInfo("cpu-hotadd-disables-vnuma", "CPU hot-add turns off vNUMA on a wide VM", Severity.WARNING,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE),
                "Enabling CPU hot-add disables virtual NUMA for the VM. vNUMA is on by default above 8 vCPUs, so on "
                        + "a VM with more than 8 vCPUs hot-add hides the NUMA layout from the guest and costs "
                        + "performance. The fix turns CPU hot-add off.",
                "vSphere 8 Resource Management (CPU hot-add disables vNUMA; vNUMA default above 8 vCPUs)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (!vm.cpuHotAdd() || vm.vcpus() <= VNUMA_DEFAULT_ABOVE) {
            return;
        }
        report(findings, vm, "CPU hot-add is on for a VM with " + vm.vcpus() + " vCPUs, which turns off virtual NUMA "
                        + "(on by default above " + VNUMA_DEFAULT_ABOVE + " vCPUs)",
                evidence("vcpu.hotadd", "TRUE", "numvcpus", String.valueOf(vm.vcpus())),
                plan(vm, List.of(VmField.CPU_HOT_ADD, VmField.VCPUS), List.of(new ConfigChange.SetCpuHotAdd(false))));
    }
}
