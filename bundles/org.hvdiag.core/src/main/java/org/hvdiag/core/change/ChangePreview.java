package org.hvdiag.core.change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervSettings;
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
    public static List<FieldChange> differences(Vm before, Vm after) {
        List<FieldChange> diffs = new ArrayList<>();
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
        ModelEdits edits = new ModelEdits(vm);
        for (ConfigChange change : changes) {
            change.accept(edits);
        }
        return edits.result();
    }

    /** Each kind of change as an edit of the model, made the way a strict hypervisor would make it. */
    private static final class ModelEdits implements ConfigChange.Visitor<Void> {
        private final Vm vm;
        private final List<UsbController> controllers;
        private final List<UsbDevice> devices;
        private final List<UsbFilter> filters;
        private final Map<String, String> raw;
        private final Vm.Builder b;
        private HypervSettings hyperv;

        ModelEdits(Vm vm) {
            this.vm = vm;
            controllers = new ArrayList<>(vm.usbControllers());
            devices = new ArrayList<>(vm.usbDevices());
            filters = new ArrayList<>(vm.usbFilters());
            raw = new HashMap<>(vm.rawProperties());
            b = vm.toBuilder();
            hyperv = vm.hyperv();
        }

        Vm result() {
            return b.usbControllers(controllers).usbDevices(devices).usbFilters(filters).rawProperties(raw).build();
        }

        @Override
        public Void removeUsbDevice(ConfigChange.RemoveUsbDevice r) {
            require(devices.removeIf(d -> d.id().equals(r.deviceId())), r);
            return null;
        }

        @Override
        public Void removeUsbFilter(ConfigChange.RemoveUsbFilter r) {
            require(filters.removeIf(f -> f.id().equals(r.filterId())), r);
            return null;
        }

        @Override
        public Void setAutoConnect(ConfigChange.SetAutoConnect s) {
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
                    filters.set(i, f.withActive(s.enabled()));
                    hits++;
                }
            }
            require(hits == 1, s);
            return null;
        }

        @Override
        public Void removeUsbController(ConfigChange.RemoveUsbController r) {
            for (UsbDevice d : devices) {
                if (d.controllerId().equals(r.controllerId())) {
                    throw new IllegalArgumentException("cannot " + r.describe() + ": device " + d.id() + " is still on it");
                }
            }
            require(controllers.removeIf(c -> c.id().equals(r.controllerId()) && c.type() == r.type()), r);
            return null;
        }

        @Override
        public Void addUsbController(ConfigChange.AddUsbController a) {
            for (UsbController c : controllers) {
                if (c.type() == a.type()) {
                    throw new IllegalArgumentException("cannot " + a.describe() + ": the VM already has " + c);
                }
            }
            controllers.add(new UsbController("new-" + a.type().name().toLowerCase(Locale.ROOT), a.type(), "", false));
            return null;
        }

        @Override
        public Void upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion u) {
            HardwareVersion now = vm.hardwareVersion();
            require(now != null && now.family() == u.to().family() && u.to().isAtLeast(now) && !u.to().equals(now), u);
            b.hardwareVersion(u.to());
            return null;
        }

        @Override
        public Void setCpuHotAdd(ConfigChange.SetCpuHotAdd s) {
            b.cpuHotAdd(s.enabled());
            return null;
        }

        @Override
        public Void setMemoryHotAdd(ConfigChange.SetMemoryHotAdd s) {
            b.memoryHotAdd(s.enabled());
            return null;
        }

        @Override
        public Void setVcpus(ConfigChange.SetVcpus s) {
            b.vcpus(s.count());
            return null;
        }

        @Override
        public Void setMemory(ConfigChange.SetMemory s) {
            b.memoryMiB(s.mebibytes());
            return null;
        }

        @Override
        public Void setAdvancedSetting(ConfigChange.SetAdvancedSetting s) {
            setAdvanced(b, raw, s);
            return null;
        }

        @Override
        public Void setAutomaticStopAction(ConfigChange.SetAutomaticStopAction s) {
            hyperv(s);
            b.powerOffBehaviour(s.action());
            return null;
        }

        /** Values the change leaves at -1 keep theirs; the startup memory is SetMemory's. */
        @Override
        public Void setDynamicMemory(ConfigChange.SetDynamicMemory s) {
            HypervSettings.DynamicMemory was = hyperv(s).dynamicMemory();
            edit(hyperv(s).withDynamicMemory(new HypervSettings.DynamicMemory(s.enabled(),
                    s.minimumMiB() > 0 ? s.minimumMiB() : was.minimumMiB(),
                    s.maximumMiB() > 0 ? s.maximumMiB() : was.maximumMiB(),
                    s.bufferPercent() > 0 ? s.bufferPercent() : was.bufferPercent())));
            return null;
        }

        @Override
        public Void setNestedVirtualization(ConfigChange.SetNestedVirtualization s) {
            edit(hyperv(s).withNestedVirtualization(s.exposed()));
            return null;
        }

        @Override
        public Void setIntegrationService(ConfigChange.SetIntegrationService s) {
            HypervSettings h = hyperv(s);
            // Enable-VMIntegrationService fails for a name the VM does not list.
            require(h.integrationService(s.name()) != null, s);
            edit(h.withIntegrationService(s.name(), s.enabled()));
            return null;
        }

        @Override
        public Void setSecureBootTemplate(ConfigChange.SetSecureBootTemplate s) {
            HypervSettings h = hyperv(s);
            // Generation 1 has BIOS firmware: Set-VMFirmware refuses it.
            require(h.generation() == 2, s);
            edit(h.withSecureBootTemplate(s.template()));
            return null;
        }

        /** The VM's Hyper-V settings as earlier changes of the plan left them; refused on other hypervisors. */
        private HypervSettings hyperv(ConfigChange c) {
            if (hyperv == null) {
                throw new IllegalArgumentException("cannot " + c.describe() + ": " + vm.name() + " is not a Hyper-V VM");
            }
            return hyperv;
        }

        private void edit(HypervSettings h) {
            hyperv = h;
            b.hyperv(h);
        }
    }

    private static void setAdvanced(Vm.Builder b, Map<String, String> raw, ConfigChange.SetAdvancedSetting s) {
        // .vmx keys are case-insensitive: the file's own spelling of the key gives way to the change's.
        raw.keySet().removeIf(k -> k.equalsIgnoreCase(s.key()));
        if (s.value() != null) {
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
