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
public final class DeviceHotplugOnServer extends BuiltInRule implements VmRule {
    static final String KEY = "devices.hotplug";

    public DeviceHotplugOnServer() {
        super(new RuleInfo("hotplug-devices-server", "Server guest can eject its NICs and disks", Severity.INFO,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE),
                "With device hot-plug on, the guest lists its NICs and disks under \"Safely Remove Hardware\", so "
                        + "a user or a script on a server can eject its own network or disk. devices.hotplug = "
                        + "\"FALSE\" stops that. This is about NICs and disks, not USB.",
                "VMware KB 1012225 (devices.hotplug = \"FALSE\")",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (!vm.deviceHotplug() || !vm.guestOs().server()) {
            return;
        }
        report(findings, vm, "Server guest " + guestText(vm.guestOs()) + " can eject its NICs and disks through "
                        + "\"Safely Remove Hardware\" (device hot-plug is on; this is about NICs and disks, not USB)",
                evidence("guestOS", guestValue(vm.guestOs()), KEY, vm.raw(KEY).isEmpty() ? "TRUE" : vm.raw(KEY)),
                plan(vm, List.of(VmField.DEVICE_HOTPLUG), List.of(new ConfigChange.SetAdvancedSetting(KEY, "FALSE"))));
    }
}
