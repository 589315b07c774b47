package org.hvdiag.core.change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * The VM as it will be after a plan, computed on the model: what a fix preview shows as "after"
 * and what the rule tests re-audit. It applies changes the way a strict hypervisor would: a change
 * naming an object that is not there, a controller removed while devices hang off it, a second
 * controller of a type, or a hardware "upgrade" that is not newer all fail
 * ({@link IllegalArgumentException}), as they would in the vSphere API, so a preview never shows
 * an "after" the hypervisor would refuse.
 */
public final class ChangePreview {
    private ChangePreview() {
    }

    /** The VM after {@code plan}; a plan whose preconditions no longer hold is refused (stale plan). */
    public static Vm apply(Vm vm, ChangePlan plan) {
        if (!plan.vmId().equals(vm.id())) {
            throw new IllegalArgumentException("plan for " + plan.vmId() + " applied to " + vm.id());
        }
        String violation = plan.violation(vm);
        if (violation != null) {
            throw new IllegalArgumentException("the plan no longer fits " + vm.name() + ": " + violation);
        }
        return apply(vm, plan.changes());
    }

    /** Each field whose value the changes alter, with its value before and after, in field order. */
    public static java.util.List<FieldChange> differences(Vm before, Vm after) {
        java.util.List<FieldChange> diffs = new ArrayList<>();
        for (VmField f : VmField.values()) {
            String b = f.read(before);
            String a = f.read(after);
            if (!b.equals(a)) {
                diffs.add(new FieldChange(f, b, a));
            }
        }
        return diffs;
    }

    /** One model value a plan changes. */
    public record FieldChange(VmField field, String before, String after) { }

    public static Vm apply(Vm vm, List<ConfigChange> changes) {
        List<UsbController> controllers = new ArrayList<>(vm.usbControllers());
        List<UsbDevice> devices = new ArrayList<>(vm.usbDevices());
        List<UsbFilter> filters = new ArrayList<>(vm.usbFilters());
        Map<String, String> raw = new HashMap<>(vm.rawProperties());
        Vm.Builder b = vm.toBuilder();
        for (ConfigChange change : changes) {
            if (change instanceof ConfigChange.RemoveUsbDevice r) {
                require(devices.removeIf(d -> d.id().equals(r.deviceId())), change);
            } else if (change instanceof ConfigChange.RemoveUsbFilter r) {
                require(filters.removeIf(f -> f.id().equals(r.filterId())), change);
            } else if (change instanceof ConfigChange.SetAutoConnect s) {
                int hits = 0;
                for (int i = 0; i < controllers.size(); i++) {
                    UsbController c = controllers.get(i);
                    if (c.id().equals(s.objectId())) {
                        controllers.set(i, new UsbController(c.id(), c.type(), c.model(), s.enabled()));
                        hits++;
                    }
                }
                for (int i = 0; i < devices.size(); i++) {
                    UsbDevice d = devices.get(i);
                    if (d.id().equals(s.objectId())) {
                        devices.set(i, new UsbDevice(d.id(), d.vendorId(), d.productId(), d.name(), d.speed(),
                                d.controllerId(), s.enabled()));
                        hits++;
                    }
                }
                for (int i = 0; i < filters.size(); i++) {
                    UsbFilter f = filters.get(i);
                    if (f.id().equals(s.objectId())) {
                        filters.set(i, new UsbFilter(f.id(), f.name(), f.vendorId(), f.productId(), f.port(),
                                f.pattern(), s.enabled()));
                        hits++;
                    }
                }
                require(hits == 1, change);
            } else if (change instanceof ConfigChange.RemoveUsbController r) {
                for (UsbDevice d : devices) {
                    if (d.controllerId().equals(r.controllerId())) {
                        throw new IllegalArgumentException("cannot " + change.describe() + ": device " + d.id() + " is still on it");
                    }
                }
                require(controllers.removeIf(c -> c.id().equals(r.controllerId()) && c.type() == r.type()), change);
            } else if (change instanceof ConfigChange.AddUsbController a) {
                for (UsbController c : controllers) {
                    if (c.type() == a.type()) {
                        throw new IllegalArgumentException("cannot " + change.describe() + ": the VM already has " + c);
                    }
                }
                controllers.add(new UsbController("new-" + a.type().name().toLowerCase(Locale.ROOT), a.type(), "", false));
            } else if (change instanceof ConfigChange.UpgradeHardwareVersion u) {
                require(vm.hardwareVersion() != null && u.to().isAtLeast(vm.hardwareVersion())
                        && !u.to().equals(vm.hardwareVersion()), change);
                b.hardwareVersion(u.to());
            } else if (change instanceof ConfigChange.SetCpuHotAdd s) {
                b.cpuHotAdd(s.enabled());
            } else if (change instanceof ConfigChange.SetMemoryHotAdd s) {
                b.memoryHotAdd(s.enabled());
            } else if (change instanceof ConfigChange.SetVcpus s) {
                b.vcpus(s.count());
            } else if (change instanceof ConfigChange.SetMemory s) {
                b.memoryMiB(s.mebibytes());
            } else if (change instanceof ConfigChange.SetAdvancedSetting s) {
                setAdvanced(b, raw, s);
            } else {
                throw new IllegalArgumentException("the model does not know " + change);
            }
        }
        return b.usbControllers(controllers).usbDevices(devices).usbFilters(filters).rawProperties(raw).build();
    }

    private static void setAdvanced(Vm.Builder b, Map<String, String> raw, ConfigChange.SetAdvancedSetting s) {
        if (s.value() == null) {
            raw.remove(s.key());
        } else {
            raw.put(s.key(), s.value());
        }
        String v = s.value() == null ? "" : s.value();
        switch (s.key()) {
            case "tools.upgrade.policy":
                b.toolsUpgradePolicy(v);
                break;
            case "powerType.powerOff":
                b.powerOffBehaviour(v.equalsIgnoreCase("hard") ? PowerOffBehaviour.HARD
                        : v.equalsIgnoreCase("soft") ? PowerOffBehaviour.SOFT : PowerOffBehaviour.DEFAULT);
                break;
            case "devices.hotplug":
                b.deviceHotplug(!v.equalsIgnoreCase("false"));
                break;
            default:
                // A key the model has no field for changes only the raw properties.
                break;
        }
    }

    private static void require(boolean ok, ConfigChange change) {
        if (!ok) {
            throw new IllegalArgumentException("cannot " + change.describe() + ": no such object or not applicable");
        }
    }
}
