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
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class TooManyUsbDevices extends BuiltInRule implements VmRule {
    static final int MAX_DEVICES_PER_CONTROLLER = 20;

    public TooManyUsbDevices() {
        super(new RuleInfo("usb-too-many-devices", "More than 20 USB devices on one controller", Severity.ERROR,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE),
                "A virtual USB controller supports up to 20 device connections; devices beyond that cannot be "
                        + "connected. Which devices the VM needs is the admin's call, so there is no automatic fix.",
                "vSphere API reference, vim.vm.device.VirtualUSBController (up to 20 device connections)",
                false));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        List<UsbDevice> ds = vm.usbDevices();
        if (ds.size() <= MAX_DEVICES_PER_CONTROLLER) {
            return;
        }
        List<UsbController> cs = vm.usbControllers();
        for (int i = 0, n = cs.size(); i < n; i++) {
            UsbController c = cs.get(i);
            int on = 0;
            for (int j = 0, m = ds.size(); j < m; j++) {
                if (ds.get(j).controllerId().equals(c.id())) {
                    on++;
                }
            }
            if (on > MAX_DEVICES_PER_CONTROLLER) {
                report(findings, vm, on + " USB devices on " + shortName(c.type()) + " controller " + c.id()
                                + "; a virtual USB controller supports up to " + MAX_DEVICES_PER_CONTROLLER + " devices",
                        evidence("controller", shortName(c.type()) + " (" + c.id() + ")", "devices on controller",
                                String.valueOf(on), "limit", String.valueOf(MAX_DEVICES_PER_CONTROLLER)),
                        null);
            }
        }
    }
}
