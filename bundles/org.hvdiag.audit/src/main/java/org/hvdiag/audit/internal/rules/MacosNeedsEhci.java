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
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class MacosNeedsEhci extends BuiltInRule implements VmRule {

    public MacosNeedsEhci() {
        super(new RuleInfo("usb-macos-needs-ehci", "macOS guest without an EHCI controller", Severity.WARNING,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE),
                "macOS guests need the EHCI+UHCI (USB 2.0) controller for their keyboard and mouse; without it "
                        + "the guest cannot be operated from the console. The fix adds the EHCI controller "
                        + "(on VMware, one controller device with its UHCI companion).",
                "vSphere 8 Virtual Machine Administration (USB controllers for macOS guests)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (!vm.guestOs().isMacos() || has(vm, UsbControllerType.EHCI)) {
            return;
        }
        Map<String, String> ev = evidence(guestKey(vm), guestValue(vm.guestOs()));
        putUsbControllers(ev, vm);
        report(findings, vm, "macOS guest " + guestText(vm.guestOs()) + " has no EHCI (USB 2.0) controller "
                        + "(controllers: " + controllersText(vm) + "); macOS needs EHCI+UHCI for its keyboard and mouse",
                ev, plan(vm, List.of(VmField.USB_CONTROLLERS),
                        List.of(new ConfigChange.AddUsbController(UsbControllerType.EHCI))));
    }
}
