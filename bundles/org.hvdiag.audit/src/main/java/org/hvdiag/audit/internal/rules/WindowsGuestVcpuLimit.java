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
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

/** Release numbers as GuestOs orders them: 61 is Windows 7, 60 Vista; the server releases are not limited. */
@Component(service = Rule.class)
public final class WindowsGuestVcpuLimit extends BuiltInRule implements VmRule {
    private static final int WINDOWS_7 = 61;
    private static final int VISTA = 60;

    public WindowsGuestVcpuLimit() {
        super(new RuleInfo("cpu-hyperv-guest-vcpu-limit", "Windows 7 or Vista guest with too many virtual processors",
                Severity.ERROR, EnumSet.of(HypervisorKind.HYPERV),
                "Microsoft's Best Practices Analyzer reports as an error a Windows 7 guest with more than 4 virtual "
                        + "processors and a Windows Vista guest with more than 2. The fix sets the virtual "
                        + "processors to that limit. The rule needs the guest OS, which is not part of a Hyper-V "
                        + "VM's settings; it is quiet when hvdiag does not know the guest or its release.",
                "Microsoft Docs, Hyper-V Best Practices Analyzer rules on VM settings: Windows 7 guests with "
                        + "no more than 4 virtual processors, Vista with 1 or 2 (Error)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        GuestOs os = vm.guestOs();
        if (!os.isWindows() || os.server()) {
            return;
        }
        int limit = os.release() == WINDOWS_7 ? 4 : os.release() == VISTA ? 2 : -1;
        if (limit < 0 || vm.vcpus() <= limit) {
            return;
        }
        report(findings, vm, guestText(os) + " has " + vm.vcpus() + " virtual processors; Microsoft's Best "
                        + "Practices Analyzer allows at most " + limit + " for this guest",
                evidence("guest OS", guestValue(os), "ProcessorCount", String.valueOf(vm.vcpus()),
                        "supported at most", String.valueOf(limit)),
                plan(vm, List.of(VmField.VCPUS), List.of(new ConfigChange.SetVcpus(limit))));
    }
}
