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
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class NoXhciForUsb3 extends BuiltInRule implements VmRule {

    public NoXhciForUsb3() {
        super(new RuleInfo("usb-no-xhci-for-usb3", "USB 3 devices without an xHCI controller", Severity.WARNING,
                EnumSet.of(HypervisorKind.VMWARE_WORKSTATION, HypervisorKind.VSPHERE, HypervisorKind.LIBVIRT),
                "Only an xHCI controller serves USB 3; behind UHCI or EHCI a USB 3 device runs at USB 1.1 or 2.0 "
                        + "speed at best. The rule fires when the VM has USB 3 devices or autoconnect rules (which "
                        + "may bring USB 3 devices) but no xHCI, while both the hardware (vmx-08 or later, inferred: "
                        + "xHCI is \"since vSphere API 5.0\" and vmx-08 came with ESXi 5.0) and the guest (Windows 8 "
                        + "/ Server 2012 or later, or Linux 3.x or later; a 2.6 kernel may predate the 2.6.35 "
                        + "minimum) support xHCI. On libvirt the rules are the redirfilter rules that let devices "
                        + "through a USB redirection channel, and the machine type is not checked: libvirt offers "
                        + "the xHCI models (nec-xhci, qemu-xhci) with no machine-type condition. The fix adds an xHCI "
                        + "controller; on Windows it also removes the EHCI controller, its UHCI companion and the "
                        + "devices on them (re-attach them afterwards), because Windows guests have shown USB "
                        + "problems with both EHCI and xHCI present. Inferred, hence a warning.",
                "vSphere API reference, vim.vm.device.VirtualUSBXHCIController (since 5.0); vSphere 8 Virtual "
                        + "Machine Administration (guest requirements for xHCI); QEMU documentation, USB emulation "
                        + "(controller models); minimega PR 1501",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        HardwareVersion hw = vm.hardwareVersion();
        // VMware ties xHCI to the hardware version; a libvirt domain takes qemu-xhci whatever its machine type.
        boolean libvirt = vm.kind() == HypervisorKind.LIBVIRT;
        if (!libvirt && (!isVmx(hw) || hw.isOlderThan(XhciOnOldHardware.FIRST_WITH_XHCI))) {
            return;
        }
        GuestOs os = vm.guestOs();
        if (GuestXhciSupport.of(os) != GuestXhciSupport.SUPPORTED || has(vm, UsbControllerType.XHCI)) {
            return;
        }
        int usb3 = 0;
        List<UsbDevice> ds = vm.usbDevices();
        for (int i = 0, n = ds.size(); i < n; i++) {
            if (ds.get(i).speed() == UsbSpeed.USB_3_X) {
                usb3++;
            }
        }
        int rules = 0;
        List<UsbFilter> fs = vm.usbFilters();
        for (int i = 0, n = fs.size(); i < n; i++) {
            if (fs.get(i).active()) {
                rules++;
            }
        }
        if (usb3 == 0 && rules == 0) {
            return;
        }
        List<ConfigChange> changes = new ArrayList<>();
        // EHCI is what Windows guests have shown problems with beside xHCI; its UHCI companion goes with it.
        if (os.isWindows() && has(vm, UsbControllerType.EHCI)) {
            removeControllers(vm, allOf(vm, UsbControllerType.EHCI, UsbControllerType.UHCI), changes);
        }
        changes.add(new ConfigChange.AddUsbController(UsbControllerType.XHCI));
        String ruleNoun = libvirt ? "active redirection filter rule" : "active autoconnect rule";
        Map<String, String> ev = libvirt ? evidence() : evidence("virtualHW.version", hw.toString());
        ev.put(guestKey(vm), guestValue(os));
        putUsbControllers(ev, vm);
        ev.put("USB 3 devices", usb3Names(ds, libvirt));
        ev.put(ruleNoun + "s", String.valueOf(rules));
        String what = usb3 > 0 && rules > 0 ? plural(usb3, "USB 3 device", "USB 3 devices") + " and "
                + plural(rules, ruleNoun, ruleNoun + "s")
                : usb3 > 0 ? plural(usb3, "USB 3 device", "USB 3 devices")
                : plural(rules, ruleNoun, ruleNoun + "s");
        String supported = libvirt ? "guest " + guestText(os) + " supports xHCI and libvirt offers it on any machine type"
                : hw + " and guest " + guestText(os) + " support xHCI";
        report(findings, vm, what + " but no xHCI (USB 3) controller, although " + supported
                        + ": USB 3 devices run at USB 2.0 speed or less",
                // The machine type is no premise of the fix on libvirt, so the plan does not expect one.
                ev, plan(vm, libvirt ? List.of(VmField.USB_CONTROLLERS, VmField.USB_DEVICES)
                        : List.of(VmField.HARDWARE_VERSION, VmField.USB_CONTROLLERS, VmField.USB_DEVICES), changes));
    }

    /** VMware admins know a device by vendor and product id; libvirt's devices by their place in the domain. */
    private static String usb3Names(List<UsbDevice> devices, boolean libvirt) {
        StringBuilder sb = new StringBuilder();
        for (UsbDevice d : devices) {
            if (d.speed() == UsbSpeed.USB_3_X) {
                sb.append(sb.length() == 0 ? "" : ", ").append(named(d.name(), libvirt ? d.id() : d.vidPid()));
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
