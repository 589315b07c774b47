package org.hvdiag.audit.internal.rules;

import java.util.ArrayList;
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
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class LibvirtPreferXhci extends BuiltInRule implements VmRule {

    public LibvirtPreferXhci() {
        super(new RuleInfo("usb-libvirt-prefer-xhci", "QEMU guest on an older USB controller where xHCI would do",
                Severity.INFO, EnumSet.of(HypervisorKind.LIBVIRT),
                "QEMU recommends the xHCI controller (nec-xhci, qemu-xhci) for guests from about 2010 on: it is "
                        + "much more virtualization-friendly and costs less CPU than UHCI, OHCI or EHCI emulation. "
                        + "\"From about 2010\" is taken as a guest with an xHCI driver: Windows 8 / Server 2012 or "
                        + "later, Linux 3.x or later (VMware's stated guest minimums, used here as a proxy: "
                        + "inferred). The fix adds an xHCI controller; on Windows it also removes the EHCI "
                        + "controller, its UHCI companions and the devices on them (re-attach them afterwards), "
                        + "because Windows guests have shown problems with both EHCI and xHCI present. USB "
                        + "controllers cannot be hot-plugged, so the change takes effect with the VM's next start.",
                "QEMU documentation, USB emulation (xHCI recommended); minimega PR 1501; vSphere 8 Virtual Machine "
                        + "Administration (guest requirements for xHCI)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (vm.usbControllers().isEmpty()) {
            return;
        }
        GuestOs os = vm.guestOs();
        if (GuestXhciSupport.of(os) != GuestXhciSupport.SUPPORTED || has(vm, UsbControllerType.XHCI)) {
            return;
        }
        List<ConfigChange> changes = new ArrayList<>();
        // EHCI is what Windows guests have shown problems with beside xHCI; its UHCI companion goes with it.
        if (os.isWindows() && has(vm, UsbControllerType.EHCI)) {
            removeControllers(vm, allOf(vm, UsbControllerType.EHCI, UsbControllerType.UHCI), changes);
        }
        changes.add(new ConfigChange.AddUsbController(UsbControllerType.XHCI));
        Map<String, String> ev = evidence("guest OS", guestValue(os), "USB controllers", controllersText(vm));
        report(findings, vm, "USB controllers " + controllersText(vm) + " but no xHCI, which QEMU recommends for guest "
                        + guestText(os) + " as cheaper to emulate",
                ev, plan(vm, List.of(VmField.USB_CONTROLLERS, VmField.USB_DEVICES), changes));
    }
}
