package org.hvdiag.esxi.internal;

import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ToolsConfigInfo;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineDefaultPowerOpInfo;
import com.vmware.vim25.VirtualUSBController;
import com.vmware.vim25.VirtualUSBXHCIController;

import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.UndoOrder;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

/**
 * Puts VMs back as a journal recorded them, newest entry first, with one ReconfigVM_Task each:
 * removed controllers and devices are added again (devices on their re-added controller), edited
 * flags, settings and advanced options get their old values, and controllers the fix added go.
 * A VM that changed since the fix is left alone. A hardware upgrade is one-way on vSphere (there is
 * no downgrade task): undo says so and restores the rest.
 */
final class VsphereUndo {
    private final VimConnection vim;

    VsphereUndo(VimConnection vim) {
        this.vim = vim;
    }

    List<ApplyResult> undo(List<JournalEntry> entries, Progress progress) throws ConnectorException {
        return UndoOrder.newestFirst(entries, progress,
                "Restoring " + entries.size() + " VMs on " + vim.url().hostAndPort(), this::undoOne);
    }

    private ApplyResult undoOne(JournalEntry e) {
        String undoText = e.beforeState().get(VspherePush.UNDO);
        if (undoText == null) {
            return result(e, Outcome.FAILED, "the journal entry holds no vSphere before-state; not restored", null);
        }
        JsonNode undo;
        VmMapper.Mapped now;
        try {
            undo = ReconfigSpec.JSON.readTree(undoText);
            now = new VmReader(vim).read(e.vmId());
        } catch (java.io.IOException | ConnectorException ex) {
            return result(e, Outcome.FAILED, "not restored: " + ex.getMessage(), null);
        }
        if (now == null) {
            return result(e, Outcome.FAILED, "the VM no longer exists; not restored", null);
        }
        Vm vm = now.vm();
        boolean upgraded = undo.has("hardwareVersion");
        if (sameAs(vm, e.before(), false)) {
            return result(e, Outcome.SKIPPED, e.interrupted() ? "not changed by the interrupted push" : "already as before", vm);
        }
        if (e.interrupted() || !"APPLIED".equals(e.outcome())) {
            if (!e.after().isEmpty() && sameAs(vm, e.after(), false)) {
                // The push left it as its outcome line says: undo below.
            } else {
                return result(e, Outcome.FAILED, "the push did not record how it left this VM, and it is not as "
                        + "before: check it by hand (before: " + e.before() + ")", vm);
            }
        } else if (!sameAs(vm, e.after(), false)) {
            return result(e, Outcome.FAILED, "changed since the fix; not restored", vm);
        }
        boolean onlyUpgrade = upgraded && undo.size() == 1;
        if (onlyUpgrade) {
            return result(e, Outcome.SKIPPED, "not undone: the hardware upgrade from " + undo.path("hardwareVersion").asText()
                    + " is one-way (vSphere has no downgrade); restore from a backup or snapshot if you need the old version", vm);
        }
        if (!vm.powerState().isOff() && (undo.has("removed") || undo.has("added") || undo.has("cpuHotAdd")
                || undo.has("memoryHotAdd") || undo.has("numCPU") || undo.has("memoryMB"))) {
            return result(e, Outcome.SKIPPED, vm.name() + " is " + vm.powerState() + ": power it off first", vm);
        }
        VirtualMachineConfigSpec spec = inverse(undo, now, e.afterState().getOrDefault(VspherePush.ADDED_KEYS, ""));
        try {
            String fault = new TaskWaiter(vim).await(vim.port().reconfigVM_Task(VimConnection.ref("VirtualMachine", vm.id()), spec));
            if (fault != null) {
                return result(e, Outcome.FAILED, "vSphere refused the restore: " + fault, vm);
            }
            VmMapper.Mapped after = new VmReader(vim).read(vm.id());
            Vm a = after == null ? null : after.vm();
            if (a == null || !sameAs(a, e.before(), upgraded)) {
                return result(e, Outcome.FAILED, "restored, but the VM does not read back as before", a);
            }
            return result(e, Outcome.APPLIED, "restored" + (upgraded ? "; the hardware upgrade from "
                    + undo.path("hardwareVersion").asText() + " stays: it is one-way" : ""), a);
        } catch (RemoteException | ConnectorException | RuntimeException ex) {
            String why = ex instanceof ConnectorException ? ex.getMessage() : vim.failure("restore a VM on", ex).getMessage();
            return result(e, Outcome.FAILED, "the restore was sent, but " + why + "; check the VM", null);
        }
    }

    private static VirtualMachineConfigSpec inverse(JsonNode undo, VmMapper.Mapped now, String addedKeys) {
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        Map<Integer, VirtualDevice> current = new HashMap<>();
        for (VirtualDevice d : now.usbDevices()) {
            current.put(d.getKey(), d);
        }
        List<VirtualDeviceConfigSpec> ops = new ArrayList<>();
        // Controllers the fix added go first, with anything attached to them since (nothing, normally).
        for (String k : addedKeys.split(",")) {
            if (!k.isEmpty() && current.containsKey(Integer.parseInt(k))) {
                ops.add(ReconfigSpec.op(VirtualDeviceConfigSpecOperation.remove, current.get(Integer.parseInt(k))));
            }
        }
        for (JsonNode ed : undo.path("edited")) {
            VirtualDevice d = current.get(ed.path("key").asInt());
            if (d == null) {
                continue;
            }
            if (d instanceof VirtualUSBController) {
                ((VirtualUSBController) d).setEhciEnabled(ed.path("ehci").asBoolean());
                ((VirtualUSBController) d).setAutoConnectDevices(ed.path("autoConnect").asBoolean());
            } else if (d instanceof VirtualUSBXHCIController) {
                ((VirtualUSBXHCIController) d).setAutoConnectDevices(ed.path("autoConnect").asBoolean());
            } else if (d.getConnectable() != null) {
                d.getConnectable().setStartConnected(ed.path("startConnected").asBoolean());
            }
            ops.add(ReconfigSpec.op(VirtualDeviceConfigSpecOperation.edit, d));
        }
        Map<Integer, Integer> newKeyOf = new HashMap<>();
        int next = -200;
        for (JsonNode r : undo.path("removed")) {
            if (!"usb".equals(r.path("kind").asText())) {
                int temp = next--;
                newKeyOf.put(r.path("key").asInt(), temp);
                ops.add(ReconfigSpec.op(VirtualDeviceConfigSpecOperation.add, DeviceRecord.create(r, temp, 0)));
            }
        }
        for (JsonNode r : undo.path("removed")) {
            if ("usb".equals(r.path("kind").asText())) {
                int controller = r.path("controllerKey").asInt();
                int onto = newKeyOf.getOrDefault(controller, controller);
                ops.add(ReconfigSpec.op(VirtualDeviceConfigSpecOperation.add, DeviceRecord.create(r, next--, onto)));
            }
        }
        if (!ops.isEmpty()) {
            spec.setDeviceChange(ops.toArray(new VirtualDeviceConfigSpec[0]));
        }
        if (undo.has("cpuHotAdd")) {
            spec.setCpuHotAddEnabled(undo.get("cpuHotAdd").asBoolean());
        }
        if (undo.has("memoryHotAdd")) {
            spec.setMemoryHotAddEnabled(undo.get("memoryHotAdd").asBoolean());
        }
        if (undo.has("numCPU")) {
            spec.setNumCPUs(undo.get("numCPU").asInt());
        }
        if (undo.has("memoryMB")) {
            spec.setMemoryMB(undo.get("memoryMB").asLong());
        }
        if (undo.has("toolsUpgradePolicy")) {
            ToolsConfigInfo t = new ToolsConfigInfo();
            String v = undo.get("toolsUpgradePolicy").asText();
            t.setToolsUpgradePolicy(v.isEmpty() ? "manual" : v);
            spec.setTools(t);
        }
        if (undo.has("powerOffType")) {
            VirtualMachineDefaultPowerOpInfo p = new VirtualMachineDefaultPowerOpInfo();
            String v = undo.get("powerOffType").asText();
            p.setPowerOffType(v.isEmpty() ? "preset" : v);
            spec.setPowerOpInfo(p);
        }
        List<OptionValue> extra = new ArrayList<>();
        undo.path("extraConfig").fields().forEachRemaining(f -> {
            OptionValue o = new OptionValue();
            o.setKey(f.getKey());
            o.setValue(f.getValue().asText()); // "" removes a key that was not there before
            extra.add(o);
        });
        if (!extra.isEmpty()) {
            spec.setExtraConfig(extra.toArray(new OptionValue[0]));
        }
        return spec;
    }

    /**
     * Whether the VM reads as the journal's fields say. Re-added devices get new keys from the server,
     * so USB devices compare by vendor, product and speed rather than by key.
     */
    static boolean sameAs(Vm vm, Map<String, String> fields, boolean ignoreHardware) {
        for (VmField f : VmField.values()) {
            String want = fields.get(f.name());
            if (want == null || (ignoreHardware && f == VmField.HARDWARE_VERSION)) {
                continue;
            }
            if (f == VmField.USB_DEVICES) {
                String[] ids = want.isEmpty() ? new String[0] : want.split(",");
                if (ids.length != vm.usbDevices().size()) {
                    return false;
                }
                continue;
            }
            if (!f.read(vm).equals(want)) {
                return false;
            }
        }
        return true;
    }

    static String deviceSignature(List<UsbDevice> devices) {
        List<String> s = new ArrayList<>();
        for (UsbDevice d : devices) {
            s.add(d.vidPid() + "@" + d.speed());
        }
        Collections.sort(s);
        return String.join(",", s);
    }

    private static ApplyResult result(JournalEntry e, Outcome outcome, String detail, Vm vm) {
        return new ApplyResult(e.vmId(), e.vmName(), outcome, detail, vm);
    }
}
