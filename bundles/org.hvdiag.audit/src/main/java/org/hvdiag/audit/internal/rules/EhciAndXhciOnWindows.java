package org.hvdiag.audit.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.audit.VmRule;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class EhciAndXhciOnWindows extends BuiltInRule implements VmRule {

    public EhciAndXhciOnWindows() {
        super(new RuleInfo("usb-ehci-and-xhci-windows", "Windows guest with both EHCI and xHCI controllers",
                Severity.WARNING, WITH_USB,
                "Windows guests have shown USB problems when an EHCI (USB 2.0) and an xHCI (USB 3) controller are "
                        + "both present; xHCI alone serves USB devices of every speed. When the guest can use "
                        + "xHCI (Windows 8 / Server 2012 or later) the fix removes the EHCI and UHCI controllers "
                        + "and the devices on them (re-attach them afterwards); for an older or unknown Windows "
                        + "release it offers no fix, since such a guest may need EHCI rather than xHCI.",
                "minimega PR 1501 (QEMU/libvirt Windows guests with EHCI and xHCI); vSphere 8 Virtual Machine "
                        + "Administration (Windows 8 / Server 2012 minimum for xHCI)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        GuestOs os = vm.guestOs();
        if (!os.isWindows() || !has(vm, UsbControllerType.EHCI) || !has(vm, UsbControllerType.XHCI)) {
            return;
        }
        HardwareVersion hw = vm.hardwareVersion();
        if (isVmx(hw) && hw.isOlderThan(XhciOnOldHardware.FIRST_WITH_XHCI)) {
            // No xHCI can work there: usb-xhci-hardware-too-old reports it and removes the xHCI, and a
            // second fix removing EHCI as well would leave the VM with no USB at all.
            return;
        }
        Map<String, String> ev = evidence(guestKey(vm), guestValue(os));
        putUsbControllers(ev, vm);
        String message = guestText(os) + " guest has both EHCI (USB 2.0) and xHCI (USB 3) controllers ("
                + controllersText(vm) + "); Windows guests have shown USB problems with both present";
        if (GuestXhciSupport.of(os) != GuestXhciSupport.SUPPORTED) {
            report(findings, vm, message + "; no automatic fix: the guest release "
                    + (os.release() < 0 ? "is unknown" : "predates Windows 8") + ", so it may need EHCI rather than xHCI",
                    ev, null);
            return;
        }
        List<ConfigChange> changes = new ArrayList<>();
        removeControllers(vm, allOf(vm, UsbControllerType.EHCI, UsbControllerType.UHCI), changes);
        ChangePlan fix = plan(vm, List.of(VmField.USB_CONTROLLERS, VmField.USB_DEVICES), changes);
        report(findings, vm, message, ev, fix);
    }
}
