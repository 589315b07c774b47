package org.hvdiag.esxi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ToolsConfigInfo;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineDefaultPowerOpInfo;
import com.vmware.vim25.VirtualUSB;
import com.vmware.vim25.VirtualUSBController;
import com.vmware.vim25.VirtualUSBXHCIController;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

/**
 * A plan's changes as one ReconfigVM_Task spec (plus a hardware upgrade, which is its own task), and
 * the undo record: what each touched setting and removed device was before.
 * <p>
 * Device changes go in the order the API demands: USB devices off, then edits, then controllers off,
 * then new controllers. A controller that goes takes the devices still on it with it, recorded too.
 */
final class ReconfigSpec {
    static final ObjectMapper JSON = new ObjectMapper();

    final VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
    HardwareVersion upgradeTo;
    final ObjectNode undo = JSON.createObjectNode();
    boolean hasReconfig;

    private final Map<Integer, VirtualDevice> devices = new LinkedHashMap<>();
    private final List<Integer> removeDevices = new ArrayList<>();
    private final List<Integer> removeControllers = new ArrayList<>();
    private final Map<Integer, VirtualDevice> edits = new LinkedHashMap<>();
    private final List<VirtualDevice> adds = new ArrayList<>();
    private final Map<String, String> extra = new LinkedHashMap<>();
    private final Vm vm;

    private ReconfigSpec(VmMapper.Mapped mapped) {
        this.vm = mapped.vm();
        for (VirtualDevice d : mapped.usbDevices()) {
            devices.put(d.getKey(), d);
        }
    }

    static ReconfigSpec of(VmMapper.Mapped mapped, List<ConfigChange> changes) {
        ReconfigSpec r = new ReconfigSpec(mapped);
        for (ConfigChange c : changes) {
            r.add(c);
        }
        r.finish();
        return r;
    }

    private void add(ConfigChange c) {
        c.accept(new Edit());
    }

    /** Each kind of change as its part of the spec, with what undo needs to take it back. */
    private final class Edit implements ConfigChange.Visitor<Void> {
        @Override
        public Void removeUsbDevice(ConfigChange.RemoveUsbDevice c) {
            removeDevice(key(c.deviceId()));
            return null;
        }

        @Override
        public Void removeUsbController(ConfigChange.RemoveUsbController c) {
            removeController(c);
            return null;
        }

        @Override
        public Void addUsbController(ConfigChange.AddUsbController c) {
            addController(c.type());
            return null;
        }

        @Override
        public Void setAutoConnect(ConfigChange.SetAutoConnect c) {
            ReconfigSpec.this.setAutoConnect(c);
            return null;
        }

        @Override
        public Void removeUsbFilter(ConfigChange.RemoveUsbFilter c) {
            setExtra(c.filterId(), "");
            return null;
        }

        @Override
        public Void setCpuHotAdd(ConfigChange.SetCpuHotAdd c) {
            undo.put("cpuHotAdd", vm.cpuHotAdd());
            spec.setCpuHotAddEnabled(c.enabled());
            hasReconfig = true;
            return null;
        }

        @Override
        public Void setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) {
            undo.put("memoryHotAdd", vm.memoryHotAdd());
            spec.setMemoryHotAddEnabled(c.enabled());
            hasReconfig = true;
            return null;
        }

        @Override
        public Void setVcpus(ConfigChange.SetVcpus c) {
            undo.put("numCPU", vm.vcpus());
            spec.setNumCPUs(c.count());
            hasReconfig = true;
            return null;
        }

        @Override
        public Void setMemory(ConfigChange.SetMemory c) {
            undo.put("memoryMB", vm.memoryMiB());
            spec.setMemoryMB(c.mebibytes());
            hasReconfig = true;
            return null;
        }

        @Override
        public Void setAdvancedSetting(ConfigChange.SetAdvancedSetting c) {
            setting(c.key(), c.value() == null ? "" : c.value());
            return null;
        }

        @Override
        public Void upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) {
            undo.put("hardwareVersion", String.valueOf(vm.hardwareVersion()));
            upgradeTo = c.to();
            return null;
        }

        @Override
        public Void setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) {
            throw hypervOnly(c);
        }

        @Override
        public Void setDynamicMemory(ConfigChange.SetDynamicMemory c) {
            throw hypervOnly(c);
        }

        @Override
        public Void setNestedVirtualization(ConfigChange.SetNestedVirtualization c) {
            throw hypervOnly(c);
        }

        @Override
        public Void setIntegrationService(ConfigChange.SetIntegrationService c) {
            throw hypervOnly(c);
        }

        @Override
        public Void setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) {
            throw hypervOnly(c);
        }

        private IllegalArgumentException hypervOnly(ConfigChange c) {
            return new IllegalArgumentException("cannot " + c.describe() + ": that is a Hyper-V setting, which vSphere does not have");
        }
    }

    /** tools.upgrade.policy and powerType.powerOff are API fields on vSphere, not extraConfig keys. */
    private void setting(String key, String value) {
        if (VmMapper.TOOLS_POLICY_KEY.equals(key)) {
            undo.put("toolsUpgradePolicy", vm.toolsUpgradePolicy());
            ToolsConfigInfo t = new ToolsConfigInfo();
            t.setToolsUpgradePolicy(value.isEmpty() ? "manual" : value);
            spec.setTools(t);
            hasReconfig = true;
        } else if (VmMapper.POWER_OFF_KEY.equals(key)) {
            undo.put("powerOffType", vm.raw(VmMapper.POWER_OFF_KEY));
            VirtualMachineDefaultPowerOpInfo p = new VirtualMachineDefaultPowerOpInfo();
            p.setPowerOffType(value.isEmpty() ? "preset" : value);
            spec.setPowerOpInfo(p);
            hasReconfig = true;
        } else {
            setExtra(key, value);
        }
    }

    private void setExtra(String key, String value) {
        ObjectNode before = undo.has("extraConfig") ? (ObjectNode) undo.get("extraConfig") : undo.putObject("extraConfig");
        if (!before.has(key)) {
            before.put(key, vm.raw(key));
        }
        extra.put(key, value);
        hasReconfig = true;
    }

    private static int key(String id) {
        String k = id.endsWith(VmMapper.EHCI_SUFFIX) ? id.substring(0, id.length() - VmMapper.EHCI_SUFFIX.length()) : id;
        try {
            return Integer.parseInt(k);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "' is not a vSphere device key");
        }
    }

    private VirtualDevice device(int key) {
        VirtualDevice d = devices.get(key);
        if (d == null) {
            throw new IllegalArgumentException("the VM has no USB device or controller with key " + key);
        }
        return d;
    }

    private void removeDevice(int key) {
        device(key);
        if (!removeDevices.contains(key)) {
            removeDevices.add(key);
        }
        edits.remove(key);
    }

    private void removeController(ConfigChange.RemoveUsbController c) {
        int key = key(c.controllerId());
        VirtualDevice d = device(key);
        if (c.type() == UsbControllerType.EHCI && !removeControllers.contains(key)) {
            // EHCI is a switch on the UHCI controller: it goes alone by turning the switch off.
            editedController(key).setEhciEnabled(false);
            return;
        }
        if (c.type() == UsbControllerType.XHCI != d instanceof VirtualUSBXHCIController) {
            throw new IllegalArgumentException("device " + key + " is not a " + c.type().label() + " controller");
        }
        if (!removeControllers.contains(key)) {
            removeControllers.add(key);
        }
        edits.remove(key);
        for (VirtualDevice u : devices.values()) {
            if (u instanceof VirtualUSB && u.getControllerKey() != null && u.getControllerKey() == key) {
                removeDevice(u.getKey());
            }
        }
    }

    private VirtualUSBController editedController(int key) {
        VirtualDevice d = device(key);
        if (!(d instanceof VirtualUSBController)) {
            throw new IllegalArgumentException("device " + key + " is not a UHCI/EHCI controller");
        }
        recordEdit(d);
        edits.put(key, d);
        return (VirtualUSBController) d;
    }

    private void addController(UsbControllerType type) {
        if (type == UsbControllerType.XHCI) {
            VirtualUSBXHCIController x = new VirtualUSBXHCIController();
            x.setKey(-(100 + adds.size()));
            x.setAutoConnectDevices(false);
            adds.add(x);
            return;
        }
        if (type == UsbControllerType.EHCI) {
            for (VirtualDevice d : devices.values()) {
                if (d instanceof VirtualUSBController && !removeControllers.contains(d.getKey())) {
                    editedController(d.getKey()).setEhciEnabled(true);
                    return;
                }
            }
        }
        if (type == UsbControllerType.OHCI) {
            throw new IllegalArgumentException("VMware has no OHCI controller");
        }
        VirtualUSBController u = new VirtualUSBController();
        u.setKey(-(100 + adds.size()));
        u.setAutoConnectDevices(false);
        u.setEhciEnabled(type == UsbControllerType.EHCI);
        adds.add(u);
    }

    private void setAutoConnect(ConfigChange.SetAutoConnect c) {
        String id = c.objectId();
        if (id.startsWith(VmMapper.AUTOCONNECT_PREFIX) || id.equals(VmMapper.GENERIC_AUTOCONNECT)) {
            setExtra(id, c.enabled() ? (id.equals(VmMapper.GENERIC_AUTOCONNECT) ? "TRUE" : vm.raw(id)) : "");
            return;
        }
        int key = key(id);
        VirtualDevice d = device(key);
        recordEdit(d);
        if (d instanceof VirtualUSBController) {
            ((VirtualUSBController) d).setAutoConnectDevices(c.enabled());
        } else if (d instanceof VirtualUSBXHCIController) {
            ((VirtualUSBXHCIController) d).setAutoConnectDevices(c.enabled());
        } else {
            if (d.getConnectable() == null) {
                throw new IllegalArgumentException("USB device " + key + " has no connection settings");
            }
            d.getConnectable().setStartConnected(c.enabled());
        }
        if (!removeDevices.contains(key) && !removeControllers.contains(key)) {
            edits.put(key, d);
        }
    }

    /** The first time a device is edited, its flags as they were. */
    private void recordEdit(VirtualDevice d) {
        ArrayNode edited = undo.has("edited") ? (ArrayNode) undo.get("edited") : undo.putArray("edited");
        for (var e : edited) {
            if (e.path("key").asInt() == d.getKey()) {
                return;
            }
        }
        edited.add(DeviceRecord.of(d));
    }

    private void finish() {
        List<VirtualDeviceConfigSpec> ops = new ArrayList<>();
        ArrayNode removed = JSON.createArrayNode();
        for (int k : removeDevices) {
            ops.add(op(VirtualDeviceConfigSpecOperation.remove, devices.get(k)));
            removed.add(DeviceRecord.of(devices.get(k)));
        }
        for (VirtualDevice d : edits.values()) {
            ops.add(op(VirtualDeviceConfigSpecOperation.edit, d));
        }
        for (int k : removeControllers) {
            ops.add(op(VirtualDeviceConfigSpecOperation.remove, devices.get(k)));
            removed.insert(0, DeviceRecord.of(devices.get(k)));
        }
        ArrayNode added = JSON.createArrayNode();
        for (VirtualDevice d : adds) {
            ops.add(op(VirtualDeviceConfigSpecOperation.add, d));
            added.add(d instanceof VirtualUSBXHCIController ? "xhci" : "uhci");
        }
        if (!removed.isEmpty()) {
            undo.set("removed", removed);
        }
        if (!added.isEmpty()) {
            undo.set("added", added);
        }
        if (!ops.isEmpty()) {
            spec.setDeviceChange(ops.toArray(new VirtualDeviceConfigSpec[0]));
            hasReconfig = true;
        }
        if (!extra.isEmpty()) {
            List<OptionValue> values = new ArrayList<>();
            for (Map.Entry<String, String> e : extra.entrySet()) {
                OptionValue o = new OptionValue();
                o.setKey(e.getKey());
                o.setValue(e.getValue());
                values.add(o);
            }
            spec.setExtraConfig(values.toArray(new OptionValue[0]));
        }
    }

    static VirtualDeviceConfigSpec op(VirtualDeviceConfigSpecOperation operation, VirtualDevice d) {
        VirtualDeviceConfigSpec s = new VirtualDeviceConfigSpec();
        s.setOperation(operation);
        s.setDevice(d);
        return s;
    }
}
