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
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

@Component(service = Rule.class)
public final class AutoconnectOnServer extends BuiltInRule implements VmRule {

    public AutoconnectOnServer() {
        super(new RuleInfo("usb-autoconnect-on-server", "Server guest connects USB devices automatically",
                Severity.WARNING, WITH_USB,
                "With autoconnect rules, devices set to autoconnect, or a controller with autoConnectDevices (\"the "
                        + "ability to hot plug devices\"), USB devices reach the guest without an admin's action. A "
                        + "faulty USB device has crashed hosts and guests: an ESXi PSOD in the vmkusb xHCI driver was "
                        + "traced to a faulty passthrough device, and Windows stops with 0xFE BUGCODE_USB_DRIVER in "
                        + "its USB drivers. A server should only get the USB devices an admin connects on purpose. "
                        + "Inferred from that crash evidence, hence a warning. The fix removes the active "
                        + "autoconnect rules and turns autoconnect off on devices and controllers.",
                "Broadcom KB 420938 (PSOD in vmkusb xHCI from a faulty passthrough device); vSphere API reference, "
                        + "vim.vm.device.VirtualUSBController.autoConnectDevices; Windows stop code 0xFE; "
                        + "VirtualBox issues #868 (Guru Meditation from USB HID passthrough) and #72 (VM process "
                        + "crash when a powered USB hub switches off)",
                true));
    }

    @Override
    public void evaluate(Vm vm, Host host, AuditSettings settings, FindingSink findings) {
        if (!vm.guestOs().server()) {
            return;
        }
        int rules = 0;
        List<UsbFilter> fs = vm.usbFilters();
        for (int i = 0, n = fs.size(); i < n; i++) {
            if (fs.get(i).active()) {
                rules++;
            }
        }
        int devices = 0;
        List<UsbDevice> ds = vm.usbDevices();
        for (int i = 0, n = ds.size(); i < n; i++) {
            if (ds.get(i).autoConnect()) {
                devices++;
            }
        }
        int controllers = 0;
        List<UsbController> cs = vm.usbControllers();
        for (int i = 0, n = cs.size(); i < n; i++) {
            if (cs.get(i).autoConnectDevices()) {
                controllers++;
            }
        }
        if (rules + devices + controllers == 0) {
            return;
        }
        List<ConfigChange> changes = new ArrayList<>();
        StringBuilder ruleNames = new StringBuilder();
        for (UsbFilter f : fs) {
            if (f.active()) {
                changes.add(new ConfigChange.RemoveUsbFilter(f.id(), f.name()));
                ruleNames.append(ruleNames.length() == 0 ? "" : ", ").append(named(f.name(), f.id()));
            }
        }
        StringBuilder deviceNames = new StringBuilder();
        for (UsbDevice d : ds) {
            if (d.autoConnect()) {
                changes.add(new ConfigChange.SetAutoConnect(d.id(), false));
                deviceNames.append(deviceNames.length() == 0 ? "" : ", ").append(named(d.name(), d.id()));
            }
        }
        StringBuilder controllerNames = new StringBuilder();
        for (UsbController c : cs) {
            if (c.autoConnectDevices()) {
                changes.add(new ConfigChange.SetAutoConnect(c.id(), false));
                controllerNames.append(controllerNames.length() == 0 ? "" : ", ")
                        .append(shortName(c.type())).append(' ').append(c.id());
            }
        }
        Map<String, String> ev = evidence(guestKey(vm), guestValue(vm.guestOs()));
        List<String> parts = new ArrayList<>(3);
        if (rules > 0) {
            ev.put("active autoconnect rules", ruleNames.toString());
            parts.add(plural(rules, "active autoconnect rule", "active autoconnect rules"));
        }
        if (devices > 0) {
            ev.put("devices with autoconnect", deviceNames.toString());
            parts.add(plural(devices, "device", "devices") + " set to autoconnect");
        }
        if (controllers > 0) {
            ev.put("controllers with autoConnectDevices", controllerNames.toString());
            parts.add("hot-plug (autoConnectDevices) on controller " + controllerNames);
        }
        report(findings, vm, "Server guest " + guestText(vm.guestOs()) + " takes USB devices without an admin's "
                        + "action: " + String.join(", ", parts),
                ev, plan(vm, List.of(VmField.USB_FILTERS, VmField.USB_DEVICES, VmField.USB_CONTROLLERS), changes));
    }
}
