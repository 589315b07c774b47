package org.hvdiag.audit.internal.rules;

import java.util.EnumSet;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.audit.VmRule;
import org.hvdiag.core.libvirt.LibvirtIds;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.Vm;

/** NOT_RUNNING counts only for a running VM: a powered-off VM runs no tools by definition. */
@Component(service = Rule.class)
public final class ToolsNotInstalled extends BuiltInRule implements VmRule {

    public ToolsNotInstalled() {
        super(new RuleInfo("tools-not-installed", "Guest tools missing or not running", Severity.WARNING,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE, HypervisorKind.HYPERV,
                        HypervisorKind.LIBVIRT),
                "The guest tools (VMware Tools, VirtualBox Guest Additions, Hyper-V integration services, QEMU "
                        + "guest agent) are how the hypervisor learns a guest's state and asks it to shut down; "
                        + "without them a clean shutdown from the hypervisor is not possible. This rests "
                        + "on the products' general documentation, not on a fact in DOMAIN-FACTS, hence a warning. "
                        + "Installing software in a guest is outside what hvdiag changes: no automatic fix. Not "
                        + "applied to VirtualBox: DOMAIN-FACTS says nothing about its Guest Additions.",
                "VMware Tools documentation; VirtualBox manual (Guest Additions); Microsoft Docs (Hyper-V "
                        + "integration services); not in DOMAIN-FACTS",
                false));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        ToolsState state = vm.toolsState();
        boolean missing = state == ToolsState.NOT_INSTALLED;
        if (!missing && (state != ToolsState.NOT_RUNNING || vm.powerState() != PowerState.POWERED_ON)) {
            return;
        }
        Map<String, String> ev = evidence("tools state", state.name(), "power state", vm.powerState().name());
        if (missing && vm.kind() == HypervisorKind.LIBVIRT && vm.raw(LibvirtIds.GUEST_AGENT_CHANNEL).equals("absent")) {
            // Without the channel no agent can reach libvirt, whatever runs in the guest: installing one is not enough.
            ev.put(LibvirtIds.GUEST_AGENT_CHANNEL, "absent");
            report(findings, vm, "The domain has no QEMU guest agent channel (org.qemu.guest_agent.0), so no guest "
                    + "agent can reach libvirt", ev, null);
            return;
        }
        String tools = toolsName(vm.kind());
        // The QEMU guest agent is one program; the other products' tools are plural.
        String are = vm.kind() == HypervisorKind.LIBVIRT ? " is" : " are";
        report(findings, vm, missing ? tools + are + " not installed in this VM"
                        : tools + are + " installed but not running in this powered-on VM",
                ev, null);
    }
}
