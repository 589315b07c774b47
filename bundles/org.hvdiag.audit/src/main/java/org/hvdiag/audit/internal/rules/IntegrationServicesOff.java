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
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

/**
 * One rule for "an integration service that should be on is off": Microsoft's analyzer asks for all
 * of them, and Shutdown and Heartbeat are the ones hvdiag's own advice depends on, so they lead the
 * message rather than making a second finding about the same switches.
 */
@Component(service = Rule.class)
public final class IntegrationServicesOff extends BuiltInRule implements VmRule {

    public IntegrationServicesOff() {
        super(new RuleInfo("tools-integration-services-off", "Hyper-V integration services turned off", Severity.WARNING,
                EnumSet.of(HypervisorKind.HYPERV),
                "Integration services are on by default except Guest Service Interface. Shutdown and Heartbeat "
                        + "are how the host asks the guest to shut down and learns that it is alive: without "
                        + "Shutdown a ShutDown stop action cannot reach the guest. Microsoft's Best Practices "
                        + "Analyzer warns when not all integration services are offered. Guest Service Interface "
                        + "is left out because Hyper-V ships it off, so every new VM would be reported. The fix "
                        + "turns the services that are off back on.",
                "Microsoft Docs, Hyper-V integration services; Best Practices Analyzer, \"Offer all available "
                        + "integration services to virtual machines\" (Warning); Enable-VMIntegrationService",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HypervSettings h = vm.hyperv();
        if (h == null) {
            return;
        }
        List<HypervSettings.IntegrationService> services = h.integrationServices();
        List<String> off = null;
        for (int i = 0, n = services.size(); i < n; i++) {
            HypervSettings.IntegrationService s = services.get(i);
            if (!s.enabled() && !s.name().equals(HypervSettings.GUEST_SERVICE_INTERFACE)) {
                if (off == null) {
                    off = new ArrayList<>();
                }
                off.add(s.name());
            }
        }
        if (off == null) {
            return;
        }
        // Shutdown and Heartbeat first: they are the ones the other rules' advice relies on.
        off.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        List<String> consequences = new ArrayList<>(2);
        if (off.contains(HypervSettings.SHUTDOWN)) {
            consequences.add("the host cannot ask the guest to shut down");
        }
        if (off.contains(HypervSettings.HEARTBEAT)) {
            consequences.add("the host cannot see that the guest is alive");
        }
        Map<String, String> ev = evidence();
        List<ConfigChange> changes = new ArrayList<>();
        for (String name : off) {
            ev.put(name, "off");
            changes.add(new ConfigChange.SetIntegrationService(name, true));
        }
        report(findings, vm, "Integration service" + (off.size() == 1 ? " " : "s ") + String.join(", ", off)
                        + (off.size() == 1 ? " is" : " are") + " off"
                        + (consequences.isEmpty() ? "" : ": " + String.join(", and ", consequences)),
                ev, plan(vm, List.of(VmField.INTEGRATION_SERVICES), changes));
    }

    private static int rank(String name) {
        return name.equals(HypervSettings.SHUTDOWN) ? 0 : name.equals(HypervSettings.HEARTBEAT) ? 1 : 2;
    }
}
