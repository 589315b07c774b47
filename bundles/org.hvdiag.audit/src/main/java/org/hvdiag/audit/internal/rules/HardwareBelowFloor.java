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
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class HardwareBelowFloor extends BuiltInRule implements VmRule {

    public HardwareBelowFloor() {
        super(new RuleInfo("hw-below-floor", "VMware hardware version below the accepted floor", Severity.WARNING,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE),
                "The floor is the oldest VMware hardware version the admin accepts (audit setting). Its default, "
                        + "vmx-08, is the first version that can hold an xHCI (USB 3) controller (inferred: xHCI is "
                        + "\"since vSphere API 5.0\", and vmx-08 came with ESXi 5.0), so below it a VM cannot be "
                        + "given USB 3 at all. The fix upgrades to the newest version the host supports, or to the "
                        + "floor when the host's newest is unknown; it offers no upgrade when the host cannot run "
                        + "the floor. The upgrade is one-way.",
                "vSphere Automation API, Vm_Hardware_Upgrade (vmx-08 = ESXi 5.0); vSphere API reference, "
                        + "vim.vm.device.VirtualUSBXHCIController (since 5.0)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HardwareVersion hw = vm.hardwareVersion();
        HardwareVersion floor = settings.vmxFloor();
        if (!isVmx(hw) || !isVmx(floor) || !hw.isOlderThan(floor)) {
            return;
        }
        HardwareVersion newest = host == null ? null : host.newestHardwareVersion();
        if (!isVmx(newest)) {
            newest = null;
        }
        Map<String, String> ev = evidence("virtualHW.version", hw.toString(), "accepted floor", floor.toString());
        String message = "Virtual hardware " + hw + " is below " + floor
                + ", the oldest version accepted by the audit settings";
        if (newest != null) {
            ev.put("host newest hardware version", newest.toString());
        }
        if (newest != null && newest.isOlderThan(floor)) {
            report(findings, vm, message + "; no automatic upgrade: host " + host.name()
                    + " supports only up to " + newest, ev, null);
            return;
        }
        HardwareVersion to = newest != null ? newest : floor;
        report(findings, vm, message, ev,
                plan(vm, List.of(VmField.HARDWARE_VERSION), List.of(new ConfigChange.UpgradeHardwareVersion(to))));
    }
}
