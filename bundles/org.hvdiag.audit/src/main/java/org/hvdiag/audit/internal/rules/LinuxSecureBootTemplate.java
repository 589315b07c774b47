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
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

/** Quiet when the guest is unknown: a Hyper-V VM's settings do not name its OS, so it often is. */
@Component(service = Rule.class)
public final class LinuxSecureBootTemplate extends BuiltInRule implements VmRule {

    public LinuxSecureBootTemplate() {
        super(new RuleInfo("boot-linux-secure-boot-template", "Linux guest on the Microsoft Windows Secure Boot template",
                Severity.ERROR, EnumSet.of(HypervisorKind.HYPERV),
                "A Linux guest on a generation 2 VM boots with Secure Boot on only with the template "
                        + "MicrosoftUEFICertificateAuthority; the default MicrosoftWindows template stops it from "
                        + "booting. The fix sets the template to MicrosoftUEFICertificateAuthority and keeps Secure "
                        + "Boot on. The rule needs the guest OS, which is not part of a Hyper-V VM's settings; it is "
                        + "quiet when hvdiag does not know the guest.",
                "Microsoft Docs, \"Should I create a generation 1 or 2 virtual machine in Hyper-V?\" (Secure Boot "
                        + "templates for Linux guests); Set-VMFirmware -SecureBootTemplate",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HypervSettings h = vm.hyperv();
        if (h == null || h.generation() != 2 || !h.secureBoot() || vm.guestOs().family() != GuestOs.Family.LINUX
                || !HypervSettings.TEMPLATE_WINDOWS.equals(h.secureBootTemplate())) {
            return;
        }
        report(findings, vm, "Linux guest " + guestText(vm.guestOs()) + " has Secure Boot on with the "
                        + HypervSettings.TEMPLATE_WINDOWS + " template, which stops it from booting",
                evidence("guest OS", guestValue(vm.guestOs()), "Generation", "2", "SecureBoot", "On",
                        "SecureBootTemplate", h.secureBootTemplate()),
                plan(vm, List.of(VmField.SECURE_BOOT_TEMPLATE),
                        List.of(new ConfigChange.SetSecureBootTemplate(HypervSettings.TEMPLATE_UEFI_CA))));
    }
}
