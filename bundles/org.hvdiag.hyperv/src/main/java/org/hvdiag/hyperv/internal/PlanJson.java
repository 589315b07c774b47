package org.hvdiag.hyperv.internal;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hvdiag.core.change.ConfigChange;

/**
 * A change plan as change.ps1 reads it: {"VmId":..., "Changes":[{"Kind":...}, ...]}, memory in bytes.
 * The VM is named by its id only: its name never reaches the host in a change.
 */
record PlanJson(String vmId, String json) {
    static final long MIB = 1024L * 1024L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * @throws IllegalArgumentException for an id that is not a Hyper-V VM id (a GUID), or a change
     *         Hyper-V has nothing to map to
     */
    static PlanJson of(String vmId, List<ConfigChange> changes) {
        if (vmId == null || !GUID.matcher(vmId).matches()) {
            throw new IllegalArgumentException("'" + vmId + "' is not a Hyper-V VM id (expected a GUID such as "
                    + "8e2a4c1e-0b7d-4d2a-9a51-3f0c2b6d7e10)");
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("VmId", vmId);
        ArrayNode steps = root.putArray("Changes");
        for (ConfigChange c : changes) {
            steps.add(c.accept(new Step()));
        }
        try {
            return new PlanJson(vmId, JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /** A plan that changes nothing: the change script then only prints the VM as it is. */
    static PlanJson reread(String vmId) {
        return of(vmId, List.of());
    }

    /** Each kind as the step change.ps1 turns into one cmdlet call. */
    private static final class Step implements ConfigChange.Visitor<ObjectNode> {
        private static ObjectNode kind(String kind) {
            ObjectNode n = JSON.createObjectNode();
            n.put("Kind", kind);
            return n;
        }

        @Override
        public ObjectNode setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) {
            return kind("AutomaticStopAction").put("Value", ConfigChange.SetAutomaticStopAction.hypervName(c.action()));
        }

        @Override
        public ObjectNode setVcpus(ConfigChange.SetVcpus c) {
            return kind("ProcessorCount").put("Value", c.count());
        }

        @Override
        public ObjectNode setMemory(ConfigChange.SetMemory c) {
            return kind("MemoryStartup").put("Value", c.mebibytes() * MIB);
        }

        /** -1 in the model ("leave it") is null in the plan, which the script does not pass to Set-VMMemory. */
        @Override
        public ObjectNode setDynamicMemory(ConfigChange.SetDynamicMemory c) {
            ObjectNode n = kind("DynamicMemory").put("Enabled", c.enabled());
            if (c.enabled()) {
                if (c.minimumMiB() > 0) n.put("Minimum", c.minimumMiB() * MIB); else n.putNull("Minimum");
                if (c.maximumMiB() > 0) n.put("Maximum", c.maximumMiB() * MIB); else n.putNull("Maximum");
                if (c.bufferPercent() > 0) n.put("Buffer", c.bufferPercent()); else n.putNull("Buffer");
            }
            return n;
        }

        @Override
        public ObjectNode setNestedVirtualization(ConfigChange.SetNestedVirtualization c) {
            return kind("ExposeVirtualizationExtensions").put("Value", c.exposed());
        }

        @Override
        public ObjectNode setIntegrationService(ConfigChange.SetIntegrationService c) {
            return kind("IntegrationService").put("Name", c.name()).put("Enabled", c.enabled());
        }

        @Override
        public ObjectNode setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) {
            return kind("SecureBootTemplate").put("Value", c.template());
        }

        /** Update-VMVersion takes no target: it raises the VM to the host's default, which the plan's "to" is. */
        @Override
        public ObjectNode upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) {
            return kind("UpdateVersion");
        }

        @Override public ObjectNode addUsbController(ConfigChange.AddUsbController c) { return none(c); }
        @Override public ObjectNode removeUsbController(ConfigChange.RemoveUsbController c) { return none(c); }
        @Override public ObjectNode removeUsbDevice(ConfigChange.RemoveUsbDevice c) { return none(c); }
        @Override public ObjectNode removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return none(c); }
        @Override public ObjectNode setAutoConnect(ConfigChange.SetAutoConnect c) { return none(c); }
        @Override public ObjectNode setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return none(c); }
        @Override public ObjectNode setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return none(c); }
        @Override public ObjectNode setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return none(c); }

        private static ObjectNode none(ConfigChange c) {
            throw new IllegalArgumentException("Hyper-V cannot " + c.describe() + ": it has no USB passthrough, no "
                    + "CPU or memory hot-add switch and no key/value settings");
        }
    }
}
