package org.hvdiag.audit.internal.rules;

import java.util.ArrayList;
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
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class FilterMatchesAnyDevice extends BuiltInRule implements VmRule {

    public FilterMatchesAnyDevice() {
        super(new RuleInfo("usb-filter-matches-any", "USB autoconnect rule that matches every device", Severity.ERROR,
                WITH_USB,
                "A USB device filter with no vendor id, product id, port or other criterion matches every USB "
                        + "device plugged into the host, keyboards and mice included: the VM captures them when it "
                        + "starts, a captured device disappears from the host (the host loses its own keyboard and "
                        + "mouse), and a mounted disk can lose data. Stated for VirtualBox device filters; VMware's "
                        + "generic autoconnect is modelled the same way. An inactive filter captures nothing and is "
                        + "not reported. On VirtualBox the fix deactivates the filter: it stays in the VM's settings, "
                        + "ready to be narrowed to one device's vendor and product id and activated again, and the "
                        + "change can be made while the VM runs. Elsewhere the fix removes the rule; add one naming "
                        + "the device's vendor and product id if the VM needs that device.",
                "VirtualBox manual, USB support (a filter without vendor and product id matches every device); "
                        + "VBoxManage manual, usbfilter add|modify; eclipse-che/che#1611 (host keyboard and mouse "
                        + "taken by an empty filter)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        List<UsbFilter> fs = vm.usbFilters();
        int n = fs.size();
        int broad = 0;
        for (int i = 0; i < n; i++) {
            UsbFilter f = fs.get(i);
            if (f.active() && f.matchesAnyDevice()) {
                broad++;
            }
        }
        if (broad == 0) {
            return;
        }
        // VirtualBox can switch a filter off and keeps it; elsewhere an autoconnect entry is removed.
        boolean deactivate = vm.kind() == HypervisorKind.VIRTUALBOX;
        String noun = deactivate ? "device filter" : "autoconnect rule";
        List<ConfigChange> changes = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (UsbFilter f : fs) {
            if (f.active() && f.matchesAnyDevice()) {
                changes.add(deactivate ? new ConfigChange.SetAutoConnect(f.id(), false)
                        : new ConfigChange.RemoveUsbFilter(f.id(), f.name()));
                names.append(names.length() == 0 ? "" : ", ").append('\'').append(named(f.name(), f.id())).append('\'');
            }
        }
        Map<String, String> ev = evidence(broad == 1 ? noun : noun + "s", names.toString(),
                "vendor id", "any", "product id", "any", "port", "any");
        report(findings, vm, "Active USB " + noun + (broad == 1 ? " " : "s ") + names
                        + " with no vendor id, product id or port " + (broad == 1 ? "captures" : "capture")
                        + " every USB device plugged into the host, keyboards and mice included",
                ev, plan(vm, List.of(VmField.USB_FILTERS), changes));
    }
}
