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
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.Vm;

/**
 * Not for .vmx files: they hold one switch per controller type (usb.present, ehci.present,
 * usb_xhci.present), so two of a type cannot be written there; the vSphere API can carry two.
 * Not for libvirt: there ich9-ehci1 comes with three companion controllers ich9-uhci1..3 by
 * design, and QEMU accepts several controllers of one type, so the VMware fact does not carry over.
 */
@Component(service = Rule.class)
public final class DuplicateUsbController extends BuiltInRule implements VmRule {

    public DuplicateUsbController() {
        super(new RuleInfo("usb-duplicate-controller", "Two USB controllers of one type", Severity.ERROR,
                EnumSet.of(HypervisorKind.VSPHERE, HypervisorKind.VIRTUALBOX),
                "A VMware VM has at most one xHCI controller and at most one EHCI+UHCI controller, never two of "
                        + "one type; VirtualBox keeps a single on/off switch per controller type (usb, ehci, xhci "
                        + "in showvminfo) and refuses to add a second controller of a type (VBOX_E_OBJECT_IN_USE). "
                        + "A second controller of a type is a configuration the hypervisor does "
                        + "not expect, typically from hand editing or a faulty tool. The fix keeps the first "
                        + "controller of each type and removes the others with the devices on them (re-attach "
                        + "those devices afterwards).",
                "vSphere 8 Virtual Machine Administration, \"Add a USB Controller to a Virtual Machine\"; "
                        + "VBoxManage manual, showvminfo --machinereadable; VirtualBox Main sources "
                        + "(VBOX_E_OBJECT_IN_USE for a second USB controller of one type)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        List<UsbController> cs = vm.usbControllers();
        int n = cs.size();
        if (n < 2) {
            return;
        }
        int seen = 0;
        boolean duplicate = false;
        for (int i = 0; i < n && !duplicate; i++) {
            int bit = 1 << cs.get(i).type().ordinal();
            duplicate = (seen & bit) != 0;
            seen |= bit;
        }
        if (!duplicate) {
            return;
        }
        List<UsbController> extras = new ArrayList<>();
        StringBuilder which = new StringBuilder();
        seen = 0;
        for (UsbController c : cs) {
            int bit = 1 << c.type().ordinal();
            if ((seen & bit) != 0) {
                extras.add(c);
                which.append(which.length() == 0 ? "" : ", ").append(shortName(c.type())).append(' ').append(c.id());
            }
            seen |= bit;
        }
        List<ConfigChange> changes = new ArrayList<>();
        removeControllers(vm, extras, changes);
        Map<String, String> ev = evidence("USB controllers", controllersText(vm), "extra controllers", which.toString());
        report(findings, vm, "More than one USB controller of one type (" + controllersText(vm)
                        + "); a VM can have only one of each type, so " + which + " should go",
                ev, plan(vm, List.of(VmField.USB_CONTROLLERS, VmField.USB_DEVICES), changes));
    }
}
