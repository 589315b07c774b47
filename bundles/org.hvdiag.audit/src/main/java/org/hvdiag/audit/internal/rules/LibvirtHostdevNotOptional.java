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
import org.hvdiag.core.libvirt.LibvirtIds;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

/**
 * Only libvirt's documented policies (and the connector's mark for an absent one) are judged: a host
 * device whose policy the model does not carry is not reported, since hvdiag cannot tell what libvirt
 * would do with it.
 */
@Component(service = Rule.class)
public final class LibvirtHostdevNotOptional extends BuiltInRule implements VmRule {
    static final String OPTIONAL = "optional";

    public LibvirtHostdevNotOptional() {
        super(new RuleInfo("usb-libvirt-hostdev-not-optional", "USB host device that stops the domain from starting "
                        + "when missing", Severity.WARNING, EnumSet.of(HypervisorKind.LIBVIRT),
                "A USB host device (a hostdev element of mode subsystem, type usb) takes a startupPolicy: "
                        + "mandatory, libvirt's default when the attribute is absent, fails the domain's start "
                        + "whenever the device is missing from the host; requisite fails a cold boot the same way and "
                        + "drops the device only on migration, restore or snapshot revert; optional drops a missing "
                        + "device and starts the domain. So a USB device that is unplugged, moved to another host or broken keeps the "
                        + "guest down. A warning, not an error: a guest that is of no use without its device (a "
                        + "licence dongle) may be meant to stay down. The fix sets startupPolicy='optional' on each "
                        + "such device; a device that is there when the domain starts is still attached.",
                "libvirt \"Domain XML format\", hostdev: USB source startupPolicy (mandatory, requisite, optional)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        List<UsbDevice> ds = vm.usbDevices();
        int stopping = 0;
        for (int i = 0, n = ds.size(); i < n; i++) {
            if (stopsStart(vm, ds.get(i))) {
                stopping++;
            }
        }
        if (stopping == 0) {
            return;
        }
        List<ConfigChange> changes = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        StringBuilder described = new StringBuilder();
        Map<String, String> policies = evidence();
        for (UsbDevice d : ds) {
            if (stopsStart(vm, d)) {
                String key = LibvirtIds.startupPolicyKey(d.id());
                String policy = vm.raw(key);
                changes.add(new ConfigChange.SetAdvancedSetting(key, OPTIONAL));
                names.append(names.length() == 0 ? "" : ", ").append(named(d.name(), d.id()));
                described.append(described.length() == 0 ? "" : ", ").append(named(d.name(), d.id()))
                        .append(' ').append(policyText(policy));
                policies.put(key, policy);
            }
        }
        Map<String, String> ev = evidence("USB host devices", names.toString());
        ev.putAll(policies);
        report(findings, vm, plural(stopping, "USB host device keeps", "USB host devices keep")
                        + " the domain from starting while missing from the host: " + described,
                ev, plan(vm, List.of(VmField.USB_DEVICES), changes));
    }

    private static boolean stopsStart(Vm vm, UsbDevice d) {
        if (!LibvirtIds.isHostDevice(d.id())) {
            return false;
        }
        String policy = vm.raw(LibvirtIds.startupPolicyKey(d.id()));
        return policy.equals(LibvirtIds.POLICY_ABSENT) || policy.equals("mandatory") || policy.equals("requisite");
    }

    private static String policyText(String policy) {
        return switch (policy) {
            case LibvirtIds.POLICY_ABSENT -> "with no startupPolicy (mandatory)";
            case "requisite" -> "with startupPolicy requisite (at a cold boot)";
            default -> "with startupPolicy " + policy;
        };
    }
}
