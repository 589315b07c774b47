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
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class XhciGuestUnsupported extends BuiltInRule implements VmRule {

    public XhciGuestUnsupported() {
        super(new RuleInfo("usb-xhci-guest-unsupported", "xHCI controller in a guest that cannot use it",
                Severity.WARNING,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE, HypervisorKind.VIRTUALBOX),
                "USB passthrough through an xHCI (USB 3) controller needs a guest of Windows 8 / Windows Server "
                        + "2012 or later, or Linux kernel 2.6.35 or later. An older guest has no driver for the "
                        + "controller, so the USB devices on it do not work. VirtualBox agrees for Windows: its "
                        + "guest OS table recommends USB 3 for Windows 8 and later, not for Windows 7 and older, "
                        + "and its manual says legacy Windows needs third-party xHCI drivers; on VirtualBox only "
                        + "Windows guests are judged. The fix removes the xHCI controller and the devices on it "
                        + "(re-attach them afterwards) and adds an EHCI (USB 2.0) controller if the VM has none; "
                        + "on a VirtualBox before 7.0 without a matching Oracle Extension Pack, where EHCI would "
                        + "stop the VM from starting, it adds OHCI (USB 1.1) instead. Linux 2.6 guests are left "
                        + "alone: the model does not say whether the kernel is 2.6.35 or later.",
                "vSphere 8 Virtual Machine Administration (guest requirements for USB passthrough through xHCI); "
                        + "VirtualBox Main Global.cpp (recommendedUSB3 in the guest OS table); VirtualBox 7.0 "
                        + "manual (USB 3 on legacy guests)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        GuestOs os = vm.guestOs();
        if (GuestXhciSupport.of(os, vm.kind()) != GuestXhciSupport.UNSUPPORTED) {
            return;
        }
        UsbController xhci = firstOf(vm, UsbControllerType.XHCI);
        if (xhci == null) {
            return;
        }
        boolean vbox = vm.kind() == HypervisorKind.VIRTUALBOX;
        // EHCI needs the same pack as xHCI: where it is missing, OHCI is the controller that starts.
        boolean ehciBlocked = vbox && ExtensionPackStatus.of(host).blocksEhciAndXhci();
        UsbControllerType replacement = ehciBlocked ? UsbControllerType.OHCI : UsbControllerType.EHCI;
        List<ConfigChange> changes = new ArrayList<>();
        removeControllers(vm, allOf(vm, UsbControllerType.XHCI), changes);
        if (!has(vm, replacement)) {
            changes.add(new ConfigChange.AddUsbController(replacement));
        }
        Map<String, String> ev = evidence(guestKey(vm), guestValue(os));
        putUsbControllers(ev, vm);
        if (ehciBlocked) {
            ev.put("VirtualBox version", host.productVersion());
            ev.put("extension packs", host.extensionPacks().isEmpty() ? "none" : String.join(", ", host.extensionPacks()));
        }
        String message = vbox
                ? "xHCI (USB 3) controller " + xhci.id() + ", but VirtualBox recommends USB 3 only for Windows 8 and "
                        + "later, and guest " + guestText(os) + " needs a third-party xHCI driver"
                        + (ehciBlocked ? "; OHCI replaces it, since EHCI too needs the Oracle Extension Pack this "
                                + "host lacks" : "")
                : "xHCI (USB 3) controller " + xhci.id() + ", but guest " + guestText(os)
                        + " cannot use USB passthrough through xHCI (needs " + GuestXhciSupport.minimumFor(os) + ")";
        report(findings, vm, message, ev, plan(vm, List.of(VmField.USB_CONTROLLERS, VmField.USB_DEVICES), changes));
    }
}
