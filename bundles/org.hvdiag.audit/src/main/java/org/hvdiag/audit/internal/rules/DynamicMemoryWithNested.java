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
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class DynamicMemoryWithNested extends BuiltInRule implements VmRule {

    public DynamicMemoryWithNested() {
        super(new RuleInfo("mem-dynamic-with-nested", "Dynamic memory on a VM running nested Hyper-V", Severity.ERROR,
                EnumSet.of(HypervisorKind.HYPERV),
                "A VM that exposes the processor's virtualization extensions (nested virtualization) runs Hyper-V "
                        + "inside; while it does, its memory cannot be resized at run time, so dynamic memory does "
                        + "not work with it. The fix turns dynamic memory off; the VM keeps its startup memory as "
                        + "fixed memory.",
                "Microsoft Docs, \"Run Hyper-V in a Virtual Machine with Nested Virtualization\"; Set-VMMemory",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HypervSettings h = vm.hyperv();
        if (h == null || !h.nestedVirtualization() || !h.dynamicMemory().enabled()) {
            return;
        }
        report(findings, vm, "Dynamic memory is on, but the VM exposes virtualization extensions (nested "
                        + "virtualization), which dynamic memory does not work with",
                evidence("ExposeVirtualizationExtensions", "True", "DynamicMemoryEnabled", "True",
                        "startup memory (MiB)", String.valueOf(vm.memoryMiB())),
                plan(vm, List.of(VmField.DYNAMIC_MEMORY, VmField.NESTED_VIRTUALIZATION),
                        List.of(ConfigChange.SetDynamicMemory.off())));
    }
}
