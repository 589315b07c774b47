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
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class HardPowerOff extends BuiltInRule implements VmRule {
    static final String KEY = "powerType.powerOff";

    public HardPowerOff() {
        super(new RuleInfo("power-hard-poweroff", "Power-off button or automatic stop cuts power", Severity.WARNING,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE, HypervisorKind.HYPERV),
                "With powerType.powerOff = \"hard\" the power-off button cuts the VM's power like pulling the plug "
                        + "instead of asking the guest to shut down: open files and databases are not closed, and "
                        + "the guest may need a file system check or lose data. \"soft\" asks the guest through "
                        + "VMware Tools to shut down. The key is one seen in real .vmx files. On Hyper-V the "
                        + "automatic stop action TurnOff does the same when the host shuts down: Stop-VM documents "
                        + "TurnOff as equivalent to disconnecting the power, which can lose unsaved data; the fix "
                        + "sets ShutDown, which asks the guest through the Shutdown integration service.",
                "VMware .vmx key powerType.powerOff (among the .vmx keys seen in real files); Microsoft Docs, "
                        + "Stop-VM (-TurnOff) and Set-VM (-AutomaticStopAction)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (vm.powerOffBehaviour() != PowerOffBehaviour.HARD) {
            return;
        }
        if (vm.kind() == HypervisorKind.HYPERV) {
            report(findings, vm, "The automatic stop action is TurnOff: when the host shuts down it cuts the VM's "
                            + "power instead of asking the guest to shut down",
                    evidence("AutomaticStopAction", ConfigChange.SetAutomaticStopAction.hypervName(PowerOffBehaviour.HARD)),
                    plan(vm, List.of(VmField.POWER_OFF_BEHAVIOUR),
                            List.of(new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT))));
            return;
        }
        String raw = vm.raw(KEY);
        report(findings, vm, "The power-off button cuts the VM's power (" + KEY + " = \""
                        + (raw.isEmpty() ? "hard" : raw) + "\") instead of asking the guest to shut down",
                evidence(KEY, raw.isEmpty() ? "hard" : raw),
                plan(vm, List.of(VmField.POWER_OFF_BEHAVIOUR), List.of(new ConfigChange.SetAdvancedSetting(KEY, "soft"))));
    }
}
