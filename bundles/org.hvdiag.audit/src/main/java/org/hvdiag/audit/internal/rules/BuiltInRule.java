package org.hvdiag.audit.internal.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.FindingSink;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

/**
 * What every built-in rule shares: its metadata and the way it words a finding.
 * <p>
 * The look-ups here walk lists by index: evaluate() runs for every rule on every VM of a fleet, and
 * a for-each would allocate an iterator each time unless the JIT happens to remove it.
 */
abstract class BuiltInRule {
    /**
     * The hypervisors that hand USB devices to guests: all but Hyper-V, which has no general USB
     * passthrough (Enhanced Session Mode redirection and Discrete Device Assignment only).
     */
    static final EnumSet<HypervisorKind> WITH_USB = EnumSet.complementOf(EnumSet.of(HypervisorKind.HYPERV));

    private final RuleInfo info;

    BuiltInRule(RuleInfo info) {
        this.info = info;
    }

    public final RuleInfo info() {
        return info;
    }

    final void report(FindingSink sink, Vm vm, String message, Map<String, String> evidence, ChangePlan fix) {
        sink.add(new Finding(info.id(), info.severity(), "", vm.hostId(), vm.id(), vm.name(), message, evidence, fix));
    }

    final void reportEvents(FindingSink sink, Vm vm, String message, Map<String, String> evidence, List<VmEvent> events) {
        sink.add(new Finding(info.id(), info.severity(), "", vm.hostId(), vm.id(), vm.name(), message, evidence, null,
                events));
    }

    final ChangePlan plan(Vm vm, List<VmField> checked, List<ConfigChange> changes) {
        return ChangePlan.of(vm, info.id(), checked, changes);
    }

    /** Evidence as alternating key, value pairs, kept in the order given. */
    static Map<String, String> evidence(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static boolean isVmx(HardwareVersion hw) {
        return hw != null && hw.family() == HardwareVersion.Family.VMX;
    }

    static boolean has(Vm vm, UsbControllerType type) {
        return firstOf(vm, type) != null;
    }

    static UsbController firstOf(Vm vm, UsbControllerType type) {
        List<UsbController> cs = vm.usbControllers();
        for (int i = 0, n = cs.size(); i < n; i++) {
            UsbController c = cs.get(i);
            if (c.type() == type) {
                return c;
            }
        }
        return null;
    }

    static List<UsbController> allOf(Vm vm, UsbControllerType... types) {
        List<UsbController> out = new ArrayList<>();
        for (UsbController c : vm.usbControllers()) {
            for (UsbControllerType t : types) {
                if (c.type() == t) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /**
     * Appends the changes that take {@code doomed} controllers out, devices first: the vSphere API
     * refuses to remove a controller that still has devices. A device whose controller is unknown
     * can only hang off a doomed one when no controller survives, and is removed only then.
     */
    static void removeControllers(Vm vm, List<UsbController> doomed, List<ConfigChange> changes) {
        boolean noneSurvives = doomed.size() >= vm.usbControllers().size();
        for (UsbDevice d : vm.usbDevices()) {
            boolean onDoomed = d.controllerId().isEmpty() && noneSurvives;
            for (UsbController c : doomed) {
                onDoomed |= d.controllerId().equals(c.id());
            }
            if (onDoomed) {
                changes.add(new ConfigChange.RemoveUsbDevice(d.id(), d.name()));
            }
        }
        for (UsbController c : doomed) {
            changes.add(new ConfigChange.RemoveUsbController(c.id(), c.type()));
        }
    }

    // Evidence wording: VMware admins know the .vmx keys; for other hypervisors the model's names
    // are clearer than a foreign product's keys.

    static String key(Vm vm, String vmxKey, String modelKey) {
        return vm.kind().isVmware() ? vmxKey : modelKey;
    }

    static String guestKey(Vm vm) {
        return key(vm, "guestOS", "guest OS");
    }

    static String hardwareKey(Vm vm) {
        return vm.kind() == HypervisorKind.HYPERV ? "configuration version" : key(vm, "virtualHW.version", "hardware version");
    }

    /** The guest as the admin reads it; the evidence carries the hypervisor's id for it. */
    static String guestText(GuestOs os) {
        return os.displayName();
    }

    static String guestValue(GuestOs os) {
        return os.id().isEmpty() ? os.displayName() : os.id();
    }

    static String shortName(UsbControllerType type) {
        return type == UsbControllerType.XHCI ? "xHCI" : type.name();
    }

    /** "EHCI (ehci), xHCI (usb_xhci)", or "none". */
    static String controllersText(Vm vm) {
        if (vm.usbControllers().isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (UsbController c : vm.usbControllers()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(shortName(c.type())).append(" (").append(c.id()).append(')');
        }
        return sb.toString();
    }

    /**
     * The USB controllers as the admin finds them: the three .vmx switches for VMware (usb.present is
     * the UHCI controller, ehci.present its EHCI companion), the list of controllers elsewhere.
     */
    static void putUsbControllers(Map<String, String> evidence, Vm vm) {
        if (vm.kind().isVmware()) {
            evidence.put("usb.present", vmxBool(has(vm, UsbControllerType.UHCI)));
            evidence.put("ehci.present", vmxBool(has(vm, UsbControllerType.EHCI)));
            evidence.put("usb_xhci.present", vmxBool(has(vm, UsbControllerType.XHCI)));
        } else {
            evidence.put("USB controllers", controllersText(vm));
        }
    }

    static String vmxBool(boolean b) {
        return b ? "TRUE" : "FALSE";
    }

    /** "name (id)" or just the id when the object has no name of its own. */
    static String named(String name, String id) {
        return name.isEmpty() || name.equals(id) ? id : name + " (" + id + ")";
    }

    static String toolsName(HypervisorKind kind) {
        return switch (kind) {
            case VMWARE_WORKSTATION, VSPHERE -> "VMware Tools";
            case VIRTUALBOX -> "VirtualBox Guest Additions";
            case HYPERV -> "Hyper-V integration services";
            case LIBVIRT -> "QEMU guest agent";
        };
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
