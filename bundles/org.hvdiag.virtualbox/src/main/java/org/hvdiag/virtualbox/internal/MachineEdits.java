package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/**
 * Turns a plan's changes into calls on the locked machine. Device filters are tracked by position
 * as the plan removes them, so the second removal in a plan addresses the filter VirtualBox will
 * then have at that position. A change VirtualBox cannot make here is refused before any call.
 */
final class MachineEdits implements ConfigChange.Visitor<List<EditStep>> {
    private static final String HYPERV_ONLY = "that is a Hyper-V setting, which VirtualBox does not have";

    private final List<String> filterIds = new ArrayList<>();

    private MachineEdits(Vm vm) {
        for (UsbFilter f : vm.usbFilters()) {
            filterIds.add(f.id());
        }
    }

    static List<EditStep> of(Vm vm, List<ConfigChange> changes) {
        MachineEdits edits = new MachineEdits(vm);
        List<EditStep> steps = new ArrayList<>();
        for (ConfigChange c : changes) {
            steps.addAll(c.accept(edits));
        }
        return steps;
    }

    /** VirtualBox's own names for new controllers, as its GUI and VBoxManage give them. */
    static String controllerName(UsbControllerType type) {
        return switch (type) {
            case OHCI -> "OHCI";
            case EHCI -> "EHCI";
            case XHCI -> "xHCI";
            case UHCI -> throw new IllegalArgumentException("VirtualBox has no UHCI controller (it emulates OHCI, EHCI and xHCI)");
        };
    }

    @Override
    public List<EditStep> addUsbController(ConfigChange.AddUsbController c) {
        String name = controllerName(c.type());
        return List.of(new EditStep.OnMachine("IMachine_addUSBController", List.of("name", name, "type", c.type().name()),
                c.describe()));
    }

    @Override
    public List<EditStep> removeUsbController(ConfigChange.RemoveUsbController c) {
        return List.of(new EditStep.OnMachine("IMachine_removeUSBController", List.of("name", c.controllerId()), c.describe()));
    }

    @Override
    public List<EditStep> removeUsbFilter(ConfigChange.RemoveUsbFilter c) {
        int position = position(c.filterId());
        filterIds.remove(position);
        return List.of(new EditStep.RemoveFilter(position, c.describe()));
    }

    @Override
    public List<EditStep> setAutoConnect(ConfigChange.SetAutoConnect c) {
        return List.of(new EditStep.OnFilter(position(c.objectId()), "IUSBDeviceFilter_setActive",
                List.of("active", Boolean.toString(c.enabled())), c.describe()));
    }

    @Override
    public List<EditStep> setCpuHotAdd(ConfigChange.SetCpuHotAdd c) {
        return machine("IMachine_setCPUHotPlugEnabled", "CPUHotPlugEnabled", Boolean.toString(c.enabled()), c);
    }

    @Override
    public List<EditStep> setVcpus(ConfigChange.SetVcpus c) {
        return machine("IMachine_setCPUCount", "CPUCount", Integer.toString(c.count()), c);
    }

    @Override
    public List<EditStep> setMemory(ConfigChange.SetMemory c) {
        return machine("IMachine_setMemorySize", "memorySize", Long.toString(c.mebibytes()), c);
    }

    @Override
    public List<EditStep> removeUsbDevice(ConfigChange.RemoveUsbDevice c) {
        throw cannot(c, "VirtualBox attaches host USB devices through device filters, not as VM devices");
    }

    @Override
    public List<EditStep> upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) {
        throw cannot(c, "VirtualBox has no virtual hardware version to upgrade (the settings format follows VirtualBox)");
    }

    @Override
    public List<EditStep> setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) {
        throw cannot(c, "VirtualBox has no memory hot-add");
    }

    @Override
    public List<EditStep> setAdvancedSetting(ConfigChange.SetAdvancedSetting c) {
        throw cannot(c, "hvdiag does not write VirtualBox extra data");
    }

    @Override
    public List<EditStep> setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) {
        throw cannot(c, HYPERV_ONLY);
    }

    @Override
    public List<EditStep> setDynamicMemory(ConfigChange.SetDynamicMemory c) {
        throw cannot(c, HYPERV_ONLY);
    }

    @Override
    public List<EditStep> setNestedVirtualization(ConfigChange.SetNestedVirtualization c) {
        throw cannot(c, HYPERV_ONLY);
    }

    @Override
    public List<EditStep> setIntegrationService(ConfigChange.SetIntegrationService c) {
        throw cannot(c, HYPERV_ONLY);
    }

    @Override
    public List<EditStep> setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) {
        throw cannot(c, HYPERV_ONLY);
    }

    private static List<EditStep> machine(String operation, String parameter, String value, ConfigChange c) {
        return List.of(new EditStep.OnMachine(operation, List.of(parameter, value), c.describe()));
    }

    private int position(String filterId) {
        int i = filterIds.indexOf(filterId);
        if (i < 0) {
            throw new IllegalArgumentException("the VM has no USB device filter " + filterId);
        }
        return i;
    }

    private static IllegalArgumentException cannot(ConfigChange c, String why) {
        return new IllegalArgumentException("cannot " + c.describe() + ": " + why);
    }
}
