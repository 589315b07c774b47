package org.hvdiag.audit.internal.rules;

import java.util.EnumSet;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.Rule;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.audit.Severity;
import org.hvdiag.audit.VmRule;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

/** "Production" is the analyzer's word; a server guest is as near to it as the model can see. */
@Component(service = Rule.class)
public final class CheckpointsOnServer extends BuiltInRule implements VmRule {

    public CheckpointsOnServer() {
        super(new RuleInfo("checkpoint-on-server-vm", "Checkpoints on a server VM", Severity.WARNING,
                EnumSet.of(HypervisorKind.HYPERV),
                "Microsoft's Best Practices Analyzer warns against checkpoints on production server VMs. hvdiag "
                        + "cannot tell production from test, so it reports server guests that have checkpoints; "
                        + "it is quiet when the guest is unknown, which Hyper-V's VM settings do not record. "
                        + "Which checkpoints to delete or merge is the admin's call: no automatic fix.",
                "Microsoft Docs, Hyper-V Best Practices Analyzer rules on VM settings: avoid checkpoints on "
                        + "production server VMs (Warning)",
                false));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (vm.snapshotCount() < 1 || !vm.guestOs().server()) {
            return;
        }
        report(findings, vm, "Server guest " + guestText(vm.guestOs()) + " has "
                        + plural(vm.snapshotCount(), "checkpoint", "checkpoints"),
                evidence("guest OS", guestValue(vm.guestOs()), "checkpoints", String.valueOf(vm.snapshotCount())),
                null);
    }
}
