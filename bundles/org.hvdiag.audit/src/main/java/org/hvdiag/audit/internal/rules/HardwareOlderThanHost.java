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
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class HardwareOlderThanHost extends BuiltInRule implements VmRule {

    public HardwareOlderThanHost() {
        super(new RuleInfo("hw-older-than-host", "Virtual hardware older than the host supports", Severity.INFO,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE, HypervisorKind.HYPERV,
                        HypervisorKind.LIBVIRT),
                "Each virtual hardware version came with a hypervisor release and brings that release's devices "
                        + "and limits (for example USB 3.1 SuperSpeedPlus on xHCI from vmx-17, 3.2 Gen2x2 from "
                        + "vmx-21; Hyper-V 9.0 brings hibernation, 12.0 GPU partitioning). The upgrade is one-way "
                        + "(Hyper-V: needs the VM off), and a VM at the newest version no longer runs on older "
                        + "hosts, so this is information, not a warning. Not for VirtualBox: the version "
                        + "hvdiag reads there is the settings file format (1.19 = 7.0), not virtual hardware. On "
                        + "Hyper-V the comparison is with the host's default configuration version "
                        + "(Get-VMHostSupportedVersion -Default), where Update-VMVersion takes a VM; the rule is quiet "
                        + "when the host's default is unknown.",
                "vSphere Automation API, Vm_Hardware_Upgrade (hardware versions by ESXi release); vSphere 8 Virtual "
                        + "Machine Administration (USB 3 speed by hardware version); Microsoft Docs, \"Upgrade "
                        + "virtual machine version in Hyper-V\"",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HardwareVersion hw = vm.hardwareVersion();
        if (hw == null || host == null) {
            return;
        }
        HardwareVersion target = host.upgradeTarget();
        if (target == null || target.family() != hw.family() || !hw.isOlderThan(target)) {
            return;
        }
        boolean hyperv = host.kind() == HypervisorKind.HYPERV;
        report(findings, vm, (hyperv ? "Configuration version " : "Virtual hardware ") + hw + " is older than " + target
                        + (hyperv ? ", the default configuration version of host " : ", the newest that host ")
                        + host.name() + (host.productVersion().isEmpty() ? "" : " (" + host.productVersion() + ")")
                        + (hyperv ? "" : " supports"),
                evidence(hardwareKey(vm), hw.toString(),
                        hyperv ? "host default configuration version" : "host newest hardware version", target.toString(),
                        "host", host.name()),
                plan(vm, List.of(VmField.HARDWARE_VERSION), List.of(new ConfigChange.UpgradeHardwareVersion(target))));
    }
}
