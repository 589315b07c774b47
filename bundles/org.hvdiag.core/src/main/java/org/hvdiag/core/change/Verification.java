package org.hvdiag.core.change;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * Whether a change plan holds on a VM as the connector re-read it after applying it: the one check
 * every connector shares. The model predicts the after-state ({@link ChangePreview}); every value
 * the prediction changes must read back as predicted.
 * <p>
 * Only what the plan changes is compared, not the whole VM: hypervisors add what the model does not
 * predict (VMware adds the UHCI companion with an EHCI controller, and gives a new controller its own
 * id), and that is not a failed fix. An autoconnect rule that is present but inactive captures
 * nothing, so it counts as removed: VMware deletes a rule where VirtualBox switches it off.
 */
public final class Verification {
    private static final EnumSet<VmField> SCALARS = EnumSet.of(VmField.HARDWARE_VERSION, VmField.VCPUS,
            VmField.MEMORY_MIB, VmField.CPU_HOT_ADD, VmField.MEMORY_HOT_ADD, VmField.DEVICE_HOTPLUG,
            VmField.TOOLS_UPGRADE_POLICY, VmField.POWER_OFF_BEHAVIOUR, VmField.DYNAMIC_MEMORY,
            VmField.MEMORY_MINIMUM_MIB, VmField.MEMORY_MAXIMUM_MIB, VmField.MEMORY_BUFFER_PERCENT,
            VmField.NESTED_VIRTUALIZATION, VmField.INTEGRATION_SERVICES, VmField.SECURE_BOOT_TEMPLATE);

    private Verification() {
    }

    /**
     * What does not hold, one admin-readable line each; empty when the plan holds. A plan the model
     * itself refuses for {@code before} cannot be verified and says so.
     */
    public static List<String> unmet(Vm before, List<ConfigChange> changes, Vm reread) {
        Vm predicted;
        try {
            predicted = ChangePreview.apply(before, changes);
        } catch (IllegalArgumentException e) {
            return List.of("the model cannot predict the result: " + e.getMessage());
        }
        List<String> unmet = new ArrayList<>();
        for (VmField f : SCALARS) {
            String want = f.read(predicted);
            String seen = f.read(reread);
            if (!f.read(before).equals(want) && !want.equals(seen)) {
                unmet.add(f.label() + " is " + quote(seen) + ", expected " + quote(want));
            }
        }
        controllers(before, predicted, reread, unmet);
        devices(before, predicted, reread, unmet);
        filters(before, predicted, reread, unmet);
        rawSettings(before, predicted, reread, unmet);
        return unmet;
    }

    private static void controllers(Vm before, Vm predicted, Vm reread, List<String> unmet) {
        Map<String, UsbController> now = new HashMap<>();
        reread.usbControllers().forEach(c -> now.put(c.id(), c));
        Set<String> kept = new HashSet<>();
        for (UsbController p : predicted.usbControllers()) {
            kept.add(p.id());
        }
        for (UsbController b : before.usbControllers()) {
            UsbController seen = now.get(b.id());
            if (!kept.contains(b.id()) && seen != null && seen.type() == b.type()) {
                unmet.add(b.type().label() + " controller " + b.id() + " is still there");
            }
        }
        for (UsbController p : predicted.usbControllers()) {
            boolean added = before.usbControllers().stream().noneMatch(b -> b.id().equals(p.id()));
            if (added) {
                if (!reread.hasController(p.type())) {
                    unmet.add("no " + p.type().label() + " controller");
                }
                continue;
            }
            UsbController was = before.usbControllers().stream().filter(b -> b.id().equals(p.id())).findFirst().orElseThrow();
            UsbController seen = now.get(p.id());
            if (was.autoConnectDevices() != p.autoConnectDevices()
                    && (seen == null || seen.autoConnectDevices() != p.autoConnectDevices())) {
                unmet.add("controller " + p.id() + " autoconnect is " + (seen == null ? "gone" : seen.autoConnectDevices())
                        + ", expected " + p.autoConnectDevices());
            }
        }
    }

    private static void devices(Vm before, Vm predicted, Vm reread, List<String> unmet) {
        Map<String, UsbDevice> want = new HashMap<>();
        predicted.usbDevices().forEach(d -> want.put(d.id(), d));
        Map<String, UsbDevice> seen = new HashMap<>();
        reread.usbDevices().forEach(d -> seen.put(d.id(), d));
        for (UsbDevice b : before.usbDevices()) {
            UsbDevice w = want.get(b.id());
            UsbDevice s = seen.get(b.id());
            if (w == null) {
                if (s != null) {
                    unmet.add("USB device " + b.id() + " is still there");
                }
            } else if (w.autoConnect() != b.autoConnect() && (s == null || s.autoConnect() != w.autoConnect())) {
                unmet.add("USB device " + b.id() + " autoconnect is " + (s == null ? "gone" : s.autoConnect())
                        + ", expected " + w.autoConnect());
            }
        }
    }

    private static void filters(Vm before, Vm predicted, Vm reread, List<String> unmet) {
        Set<String> was = activeFilters(before);
        Set<String> want = activeFilters(predicted);
        Set<String> seen = activeFilters(reread);
        for (String id : was) {
            if (!want.contains(id) && seen.contains(id)) {
                unmet.add("autoconnect rule " + id + " is still active");
            }
        }
        for (String id : want) {
            if (!was.contains(id) && !seen.contains(id)) {
                unmet.add("autoconnect rule " + id + " is not active");
            }
        }
    }

    private static Set<String> activeFilters(Vm vm) {
        Set<String> ids = new HashSet<>();
        for (UsbFilter f : vm.usbFilters()) {
            if (f.active()) {
                ids.add(f.id().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return ids;
    }

    /** Hypervisor keys the plan sets or removes, compared without regard to case as .vmx keys are. */
    private static void rawSettings(Vm before, Vm predicted, Vm reread, List<String> unmet) {
        Set<String> keys = new HashSet<>();
        for (Map.Entry<String, String> e : predicted.rawProperties().entrySet()) {
            if (!e.getValue().equals(raw(before, e.getKey()))) {
                keys.add(e.getKey());
            }
        }
        for (String k : before.rawProperties().keySet()) {
            if (raw(predicted, k) == null) {
                keys.add(k);
            }
        }
        for (String k : keys) {
            String want = raw(predicted, k);
            String seen = raw(reread, k);
            if (want == null ? seen != null : !want.equals(seen)) {
                unmet.add(k + (seen == null ? " is not set" : " is " + quote(seen))
                        + (want == null ? ", expected it removed" : ", expected " + quote(want)));
            }
        }
    }

    private static String raw(Vm vm, String key) {
        String exact = vm.rawProperties().get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : vm.rawProperties().entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
