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
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

/**
 * Quiet unless the host's VirtualBox version and its extension packs are both known: packs are not
 * visible over the web service, and a guess would fail VMs that start fine.
 */
@Component(service = Rule.class)
public final class VirtualBoxExtensionPackMissing extends BuiltInRule implements VmRule {

    public VirtualBoxExtensionPackMissing() {
        super(new RuleInfo("usb-vbox-extpack-missing", "USB 2.0/3.0 controller without a matching Extension Pack",
                Severity.ERROR, EnumSet.of(HypervisorKind.VIRTUALBOX),
                "Before VirtualBox 7.0 the USB 2.0 (EHCI) and USB 3.0 (xHCI) controllers came with the Oracle "
                        + "Extension Pack, whose version must match VirtualBox's; without the pack, or with one of "
                        + "another version, only OHCI (USB 1.1) works and a VM with EHCI or xHCI does not start "
                        + "(\"Implementation of the USB 2.0 controller not found\"). From 7.0.0 both are part of "
                        + "the base package. Versions compare as major.minor.patch; a revision such as r161033 is "
                        + "ignored. The rule stays quiet when the VirtualBox version or the host's extension packs "
                        + "are unknown (the web service does not show packs). The fix replaces EHCI and xHCI by "
                        + "OHCI (USB 1.1), with the VM powered off, so the VM starts again; the other way, which "
                        + "keeps USB 2.0/3.0, is to install the Oracle Extension Pack of VirtualBox's own version "
                        + "on the host (VBoxManage list extpacks shows what is there), outside what hvdiag changes.",
                "VirtualBox changelog 7.0.0 (EHCI and xHCI in the open source base package); VBoxManage manual, "
                        + "list extpacks; reports of the start failure: gtkcyber/griffon-vm#1, "
                        + "selimnairb/RHESSysWorkflows#19, myspaghetti/macos-virtualbox#269",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (!has(vm, UsbControllerType.EHCI) && !has(vm, UsbControllerType.XHCI)) {
            return;
        }
        ExtensionPackStatus pack = ExtensionPackStatus.of(host);
        if (!pack.blocksEhciAndXhci()) {
            return;
        }
        List<UsbController> needPack = allOf(vm, UsbControllerType.EHCI, UsbControllerType.XHCI);
        List<ConfigChange> changes = new ArrayList<>();
        removeControllers(vm, needPack, changes);
        if (!has(vm, UsbControllerType.OHCI)) {
            changes.add(new ConfigChange.AddUsbController(UsbControllerType.OHCI));
        }
        long vbox = VirtualBoxVersion.parse(host.productVersion());
        String oracle = ExtensionPackStatus.oraclePack(host.extensionPacks());
        String which = controllerNames(needPack);
        String why = pack == ExtensionPackStatus.MISSING
                ? " the Oracle Extension Pack on VirtualBox " + host.productVersion() + ", and the host has none"
                : " the Oracle Extension Pack of VirtualBox's own version " + VirtualBoxVersion.text(vbox)
                        + ", and the host has " + oracle;
        Map<String, String> ev = evidence("USB controllers", controllersText(vm), "needing the pack", which,
                "VirtualBox version", host.productVersion(),
                "extension packs", host.extensionPacks().isEmpty() ? "none" : String.join(", ", host.extensionPacks()));
        report(findings, vm, which + (needPack.size() == 1 ? " needs" : " need") + why
                        + ": the VM does not start (\"Implementation of the USB 2.0 controller not found\")",
                ev, plan(vm, List.of(VmField.USB_CONTROLLERS, VmField.USB_DEVICES), changes));
    }

    /** "EHCI controller EHCI and xHCI controller xHCI": the type, then VirtualBox's name for it. */
    private static String controllerNames(List<UsbController> controllers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < controllers.size(); i++) {
            UsbController c = controllers.get(i);
            sb.append(i == 0 ? "" : i == controllers.size() - 1 ? " and " : ", ")
                    .append(c.type().label()).append(" controller ").append(c.id());
        }
        return sb.toString();
    }
}
