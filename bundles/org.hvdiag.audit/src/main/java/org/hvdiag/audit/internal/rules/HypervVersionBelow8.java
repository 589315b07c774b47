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
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class HypervVersionBelow8 extends BuiltInRule implements VmRule {
    /** The oldest configuration version Windows Server 2022 and 2025 run. */
    static final HardwareVersion OLDEST_ON_CURRENT_HOSTS = HardwareVersion.hyperv(8, 0);

    public HypervVersionBelow8() {
        super(new RuleInfo("hw-hyperv-below-8", "Hyper-V configuration version below 8.0", Severity.WARNING,
                EnumSet.of(HypervisorKind.HYPERV),
                "Windows Server 2022 runs configuration versions 8.0 to 10.0, and Windows Server 2025 and Windows 11 "
                        + "24H2 run 8.0 to 12.0, so a VM below 8.0 cannot move to a 2022 or newer host. The fix "
                        + "upgrades the VM to its host's default configuration version (Update-VMVersion) when that "
                        + "is 8.0 or newer; a host whose default is older (Windows Server 2012 R2, or unknown) gets "
                        + "no fix. The upgrade needs the VM shut down and is one-way: Hyper-V cannot downgrade, and "
                        + "the VM no longer runs on hosts older than its new version.",
                "Microsoft Docs, \"Upgrade virtual machine version in Hyper-V\" (supported versions by Windows "
                        + "release; Update-VMVersion; no downgrade); Get-VMHostSupportedVersion -Default",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HardwareVersion hw = vm.hardwareVersion();
        if (hw == null || hw.family() != HardwareVersion.Family.HYPERV || !hw.isOlderThan(OLDEST_ON_CURRENT_HOSTS)) {
            return;
        }
        HardwareVersion target = host == null ? null : host.upgradeTarget();
        boolean fixable = target != null && target.family() == HardwareVersion.Family.HYPERV
                && target.isAtLeast(OLDEST_ON_CURRENT_HOSTS);
        Map<String, String> ev = evidence(hardwareKey(vm), hw.toString(), "oldest on Windows Server 2022 and newer",
                OLDEST_ON_CURRENT_HOSTS.toString());
        if (target != null) {
            ev.put("host default configuration version", target.toString());
        }
        String message = "Configuration version " + hw + " is below " + OLDEST_ON_CURRENT_HOSTS
                + ": the VM cannot run on Windows Server 2022 or newer";
        if (!fixable) {
            report(findings, vm, message + "; no automatic upgrade: " + (host == null ? "the host is unknown"
                    : target == null ? "the default configuration version of host " + host.name() + " is unknown"
                    : "the default configuration version of host " + host.name() + " is " + target), ev, null);
            return;
        }
        report(findings, vm, message, ev,
                plan(vm, List.of(VmField.HARDWARE_VERSION), List.of(new ConfigChange.UpgradeHardwareVersion(target))));
    }
}
