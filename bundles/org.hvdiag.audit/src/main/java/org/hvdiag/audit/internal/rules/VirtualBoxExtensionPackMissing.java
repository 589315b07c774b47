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
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

/**
 * Fires only when the host's VirtualBox version is known and below 7.0: a file target read without
 * the host's VirtualBox says nothing about the extension pack either.
 */
@Component(service = Rule.class)
public final class VirtualBoxExtensionPackMissing extends BuiltInRule implements VmRule {
    static final int FIRST_WITHOUT_PACK = 7;

    public VirtualBoxExtensionPackMissing() {
        super(new RuleInfo("usb-vbox-extpack-missing", "USB 2.0/3.0 controller without the Extension Pack",
                Severity.WARNING, EnumSet.of(HypervisorKind.VIRTUALBOX),
                "Before VirtualBox 7.0 the USB 2.0 (EHCI) and USB 3.0 (xHCI) controllers come with the Oracle "
                        + "Extension Pack, whose version must match VirtualBox's; without it only OHCI (USB 1.1) "
                        + "works. From 7.0 EHCI and xHCI are in the base package (secondary sources, hence a "
                        + "warning). Installing the pack is done on the host, outside what hvdiag changes: no "
                        + "automatic fix.",
                "VBoxManage manual and Oracle VM VirtualBox Extension Pack description (USB 2.0/3.0 controllers)",
                false));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (host == null) {
            return;
        }
        int major = leadingNumber(host.productVersion());
        if (major < 0 || major >= FIRST_WITHOUT_PACK) {
            return;
        }
        UsbController needsPack = firstOf(vm, UsbControllerType.XHCI);
        if (needsPack == null) {
            needsPack = firstOf(vm, UsbControllerType.EHCI);
        }
        if (needsPack == null || hasOraclePack(host.extensionPacks())) {
            return;
        }
        Map<String, String> ev = evidence("USB controllers", controllersText(vm),
                "VirtualBox version", host.productVersion(),
                "extension packs", host.extensionPacks().isEmpty() ? "none" : String.join(", ", host.extensionPacks()));
        report(findings, vm, needsPack.type().label() + " controller on VirtualBox " + host.productVersion()
                        + " without the Oracle Extension Pack: before 7.0 only OHCI (USB 1.1) works without it",
                ev, null);
    }

    /** Both names the pack has had ("Oracle VM VirtualBox Extension Pack", "Oracle VirtualBox Extension Pack") start so. */
    private static boolean hasOraclePack(List<String> packs) {
        for (int i = 0, n = packs.size(); i < n; i++) {
            String p = packs.get(i);
            if (p.regionMatches(true, 0, "Oracle", 0, 6)) {
                return true;
            }
        }
        return false;
    }

    /** 6 for "6.1.50r161033"; -1 when the text does not start with a digit. Parsed by hand: this runs per VM. */
    static int leadingNumber(String text) {
        int n = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            n = (n < 0 ? 0 : n * 10) + (c - '0');
            if (n > 1_000_000) {
                return -1;
            }
        }
        return n;
    }
}
