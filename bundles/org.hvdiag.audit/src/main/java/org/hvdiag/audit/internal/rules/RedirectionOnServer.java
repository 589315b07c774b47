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
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * The channel is the path; the redirfilter rules that let devices through it are
 * usb-autoconnect-on-server's and usb-filter-matches-any's to judge, and are only named here.
 */
@Component(service = Rule.class)
public final class RedirectionOnServer extends BuiltInRule implements VmRule {
    /** The raw property of the domain's first redirfilter rule, allowing or not: absent when it has none. */
    private static final String FIRST_REDIRFILTER_RULE = LibvirtIds.redirRule(0);

    public RedirectionOnServer() {
        super(new RuleInfo("usb-redirection-on-server", "Server guest with USB redirection channels", Severity.WARNING,
                EnumSet.of(HypervisorKind.LIBVIRT),
                "A USB redirection channel (a redirdev element on bus usb, type spicevmc or tcp) lets its "
                        + "remote end, for spicevmc any SPICE client that connects to the guest's display, hand the "
                        + "guest USB devices from the client's machine: every device the domain's redirfilter rules "
                        + "let through, and with no redirfilter nothing is filtered out. A faulty USB device has "
                        + "crashed guests and hosts: Windows stops with 0xFE BUGCODE_USB_DRIVER in its USB drivers, "
                        + "and an ESXi PSOD in the vmkusb xHCI driver was traced to a faulty passthrough device. A "
                        + "server should only get the USB devices an admin connects on purpose. Inferred from that "
                        + "crash evidence, hence a warning. The rule is quiet for desktop guests and for guests "
                        + "hvdiag does not know. The fix removes the redirection channels; redirfilter rules capture "
                        + "nothing without a channel.",
                "libvirt \"Domain XML format\", redirdev and redirfilter; Windows stop code 0xFE "
                        + "BUGCODE_USB_DRIVER; Broadcom KB 420938 (PSOD in vmkusb xHCI from a faulty passthrough device)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (!vm.guestOs().server()) {
            return;
        }
        List<UsbDevice> ds = vm.usbDevices();
        int channels = 0;
        for (int i = 0, n = ds.size(); i < n; i++) {
            if (LibvirtIds.isRedirection(ds.get(i).id())) {
                channels++;
            }
        }
        if (channels == 0) {
            return;
        }
        List<ConfigChange> changes = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (UsbDevice d : ds) {
            if (LibvirtIds.isRedirection(d.id())) {
                changes.add(new ConfigChange.RemoveUsbDevice(d.id(), d.name()));
                String type = vm.raw(d.id() + LibvirtIds.TYPE);
                names.append(names.length() == 0 ? "" : ", ")
                        .append(type.isEmpty() ? named(d.name(), d.id()) : d.id() + " (" + type + ")");
            }
        }
        StringBuilder allowing = new StringBuilder();
        for (UsbFilter f : vm.usbFilters()) {
            if (f.active() && f.id().startsWith(LibvirtIds.REDIRFILTER_RULE)) {
                allowing.append(allowing.length() == 0 ? "" : ", ").append(named(f.name(), f.id()));
            }
        }
        String filter = vm.raw(FIRST_REDIRFILTER_RULE).isEmpty() ? "no redirfilter: nothing is filtered out"
                : allowing.length() == 0 ? "none" : allowing.toString();
        Map<String, String> ev = evidence(guestKey(vm), guestValue(vm.guestOs()), "USB redirection channels",
                names.toString(), "redirfilter rules that allow devices", filter);
        report(findings, vm, "Server guest " + guestText(vm.guestOs()) + " takes USB devices from remote clients "
                        + "without an admin's action: " + plural(channels, "USB redirection channel ",
                                "USB redirection channels ") + names,
                ev, plan(vm, List.of(VmField.USB_DEVICES), changes));
    }
}
