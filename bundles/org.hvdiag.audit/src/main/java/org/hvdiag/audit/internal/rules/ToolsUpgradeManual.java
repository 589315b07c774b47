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
public final class ToolsUpgradeManual extends BuiltInRule implements VmRule {
    static final String KEY = "tools.upgrade.policy";
    static final String AT_POWER_CYCLE = "upgradeAtPowerCycle";

    public ToolsUpgradeManual() {
        super(new RuleInfo("tools-upgrade-manual", "VMware Tools upgraded only by hand", Severity.INFO,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE),
                "With tools.upgrade.policy = \"manual\" VMware Tools stay at their version until someone upgrades "
                        + "them, so guest drivers fall behind the host. \"upgradeAtPowerCycle\" upgrades them when "
                        + "the VM is next power-cycled. The key is one seen in real .vmx files; the values are the "
                        + "vSphere API's. Information only: some admins upgrade tools by hand on purpose.",
                "vSphere API reference, vim.vm.ToolsConfigInfo.toolsUpgradePolicy (.vmx key tools.upgrade.policy)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (!"manual".equalsIgnoreCase(vm.toolsUpgradePolicy())) {
            return;
        }
        report(findings, vm, "VMware Tools are upgraded only by hand (" + KEY + " = \"" + vm.toolsUpgradePolicy()
                        + "\"), so they can fall behind the host",
                evidence(KEY, vm.toolsUpgradePolicy(),
                        "tools version", vm.toolsVersion().isEmpty() ? "unknown" : vm.toolsVersion()),
                plan(vm, List.of(VmField.TOOLS_UPGRADE_POLICY),
                        List.of(new ConfigChange.SetAdvancedSetting(KEY, AT_POWER_CYCLE))));
    }
}
