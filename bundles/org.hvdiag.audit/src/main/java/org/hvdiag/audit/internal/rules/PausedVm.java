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
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class PausedVm extends BuiltInRule implements VmRule {

    public PausedVm() {
        super(new RuleInfo("power-vm-paused", "Paused VM", Severity.WARNING, EnumSet.of(HypervisorKind.HYPERV),
                "Microsoft's Best Practices Analyzer warns against pausing a VM. A paused VM runs nothing but "
                        + "is not off, so changes that need the VM off are skipped for it too. Resuming, saving or "
                        + "shutting it down is the admin's call, and hvdiag changes settings, not power states: no "
                        + "automatic fix.",
                "Microsoft Docs, Hyper-V Best Practices Analyzer rules on VM settings: avoid pausing a VM (Warning)",
                false));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (vm.powerState() != PowerState.PAUSED) {
            return;
        }
        report(findings, vm, "The VM is paused",
                evidence("State", "Paused"), null);
    }
}
