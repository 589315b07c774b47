package org.hvdiag.audit.internal.rules;

import java.util.ArrayList;
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
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class XhciOnOldHardware extends BuiltInRule implements VmRule {
    static final HardwareVersion FIRST_WITH_XHCI = HardwareVersion.vmx(8);

    public XhciOnOldHardware() {
        super(new RuleInfo("usb-xhci-hardware-too-old", "xHCI controller on hardware older than vmx-08", Severity.ERROR,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE),
                "The USB 3 (xHCI) controller arrived with vSphere API 5.0, and vmx-08 is the hardware version ESXi 5.0 "
                        + "introduced. Older virtual hardware has no xHCI to emulate: such a VM fails to power on or its "
                        + "USB devices do not work. Replacing the controller by EHCI+UHCI keeps the hardware version. "
                        + "(Inferred from two documents, hence the fix keeps USB 2 working rather than upgrading.)",
                "vSphere API reference, vim.vm.device.VirtualUSBXHCIController (since 5.0); "
                        + "vSphere Automation API, Vm_Hardware_Upgrade (vmx-08 = ESXi 5.0)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HardwareVersion hw = vm.hardwareVersion();
        if (hw == null || hw.family() != HardwareVersion.Family.VMX || !hw.isOlderThan(FIRST_WITH_XHCI)) {
            return;
        }
        for (UsbController c : vm.usbControllers()) {
            if (c.type() == UsbControllerType.XHCI) {
                List<ConfigChange> changes = new ArrayList<>();
                for (UsbDevice d : vm.usbDevices()) {
                    if (d.controllerId().equals(c.id())) {
                        changes.add(new ConfigChange.RemoveUsbDevice(d.id(), d.name()));
                    }
                }
                changes.add(new ConfigChange.RemoveUsbController(c.id(), UsbControllerType.XHCI));
                if (!vm.hasController(UsbControllerType.EHCI)) {
                    changes.add(new ConfigChange.AddUsbController(UsbControllerType.EHCI));
                }
                report(findings, vm, "xHCI (USB 3) controller on " + hw + ", which predates xHCI (needs vmx-08 or later)",
                        evidence("virtualHW.version", hw.toString(), "controller", c.type().label()),
                        plan(vm, List.of(VmField.HARDWARE_VERSION, VmField.USB_CONTROLLERS), changes));
                return;
            }
        }
    }
}
