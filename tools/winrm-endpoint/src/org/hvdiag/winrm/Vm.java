package org.hvdiag.winrm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One Hyper-V VM in hvdiag's VM JSON shape (vm-json.ps1), which is also how the fleet file holds it.
 * Changes make a new record; the fleet swaps it in.
 */
record Vm(String id, String name, String state, int generation, String version, int processorCount, long memoryStartup,
        boolean dynamicMemoryEnabled, long memoryMinimum, long memoryMaximum, int memoryBuffer,
        boolean exposeVirtualizationExtensions, String automaticStopAction, String checkpointType, int checkpointCount,
        String secureBoot, String secureBootTemplate, List<IntegrationService> integrationServices, String guestOs) {

    /** Hyper-V's VMState names as [string] $vm.State prints them. */
    static final Set<String> STATES = Set.of("Off", "Running", "Saved", "Paused", "Starting", "Stopping", "Saving",
            "Pausing", "Resuming", "Reset", "Other");
    static final List<String> STOP_ACTIONS = List.of("TurnOff", "Save", "ShutDown");
    static final List<String> CHECKPOINT_TYPES = List.of("Disabled", "Production", "ProductionOnly", "Standard");

    static Vm from(Map<String, Object> m, int index) {
        String where = "VMs[" + index + "]";
        String id = Fields.string(m, "Id", where);
        if (!id.equals(UUID.fromString(id).toString())) {
            throw new IllegalArgumentException(where + ": Id must be a lower-case GUID, not " + id);
        }
        where = where + " (" + id + ")";
        List<IntegrationService> services = new ArrayList<>();
        for (Object o : Fields.list(m, "IntegrationServices", where)) {
            if (!(o instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(where + ": IntegrationServices must hold objects");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) o;
            services.add(new IntegrationService(Fields.string(s, "Name", where), Fields.bool(s, "Enabled", where)));
        }
        Vm vm = new Vm(id, Fields.string(m, "Name", where), Fields.string(m, "State", where),
                Fields.integer(m, "Generation", where, 1, 2), Fields.string(m, "Version", where),
                Fields.integer(m, "ProcessorCount", where, 1, 2048), Fields.number(m, "MemoryStartup", where),
                Fields.bool(m, "DynamicMemoryEnabled", where), Fields.number(m, "MemoryMinimum", where),
                Fields.number(m, "MemoryMaximum", where), Fields.integer(m, "MemoryBuffer", where, 0, 2000),
                Fields.bool(m, "ExposeVirtualizationExtensions", where), Fields.string(m, "AutomaticStopAction", where),
                Fields.string(m, "CheckpointType", where), Fields.integer(m, "CheckpointCount", where, 0, 50),
                Fields.stringOrNull(m, "SecureBoot", where), Fields.stringOrNull(m, "SecureBootTemplate", where),
                List.copyOf(services), Fields.stringOrNull(m, "GuestOs", where));
        vm.check(where);
        return vm;
    }

    /** A fleet file that Hyper-V could not produce is refused at load, with the field named. */
    private void check(String where) {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException(where + ": State " + state + " is not one of " + STATES);
        }
        if (!STOP_ACTIONS.contains(automaticStopAction)) {
            throw new IllegalArgumentException(where + ": AutomaticStopAction must be one of " + STOP_ACTIONS);
        }
        if (!CHECKPOINT_TYPES.contains(checkpointType)) {
            throw new IllegalArgumentException(where + ": CheckpointType must be one of " + CHECKPOINT_TYPES);
        }
        if (ConfigurationVersion.parse(version) == null) {
            throw new IllegalArgumentException(where + ": Version must look like 9.0, not " + version);
        }
        if (generation == 1 && (secureBoot != null || secureBootTemplate != null)) {
            throw new IllegalArgumentException(where + ": a generation 1 VM has no firmware: SecureBoot and "
                    + "SecureBootTemplate must be null");
        }
        if (generation == 2 && (!("On".equals(secureBoot) || "Off".equals(secureBoot)) || secureBootTemplate == null)) {
            throw new IllegalArgumentException(where + ": a generation 2 VM needs SecureBoot On or Off and a SecureBootTemplate");
        }
        if (guestOs != null && !state.equals("Running")) {
            throw new IllegalArgumentException(where + ": GuestOs comes from KVP exchange, which only a Running VM reports");
        }
    }

    boolean isOff() {
        return state.equals("Off");
    }

    /** The VM as vm-json.ps1 prints it (same keys, same order). */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", id);
        m.put("Name", name);
        m.put("State", state);
        m.put("Generation", generation);
        m.put("Version", version);
        m.put("ProcessorCount", processorCount);
        m.put("MemoryStartup", memoryStartup);
        m.put("DynamicMemoryEnabled", dynamicMemoryEnabled);
        m.put("MemoryMinimum", memoryMinimum);
        m.put("MemoryMaximum", memoryMaximum);
        m.put("MemoryBuffer", memoryBuffer);
        m.put("ExposeVirtualizationExtensions", exposeVirtualizationExtensions);
        m.put("AutomaticStopAction", automaticStopAction);
        m.put("CheckpointType", checkpointType);
        m.put("CheckpointCount", checkpointCount);
        m.put("SecureBoot", secureBoot);
        m.put("SecureBootTemplate", secureBootTemplate);
        List<Object> services = new ArrayList<>();
        for (IntegrationService s : integrationServices) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Name", s.name());
            o.put("Enabled", s.enabled());
            services.add(o);
        }
        m.put("IntegrationServices", services);
        m.put("GuestOs", guestOs);
        return m;
    }

    Vm withIdentity(String newId, String newName) {
        return new Vm(newId, newName, state, generation, version, processorCount, memoryStartup, dynamicMemoryEnabled,
                memoryMinimum, memoryMaximum, memoryBuffer, exposeVirtualizationExtensions, automaticStopAction,
                checkpointType, checkpointCount, secureBoot, secureBootTemplate, integrationServices, guestOs);
    }

    Vm withStopAction(String action) {
        return new Vm(id, name, state, generation, version, processorCount, memoryStartup, dynamicMemoryEnabled,
                memoryMinimum, memoryMaximum, memoryBuffer, exposeVirtualizationExtensions, action, checkpointType,
                checkpointCount, secureBoot, secureBootTemplate, integrationServices, guestOs);
    }

    Vm withProcessorCount(int count) {
        return new Vm(id, name, state, generation, version, count, memoryStartup, dynamicMemoryEnabled, memoryMinimum,
                memoryMaximum, memoryBuffer, exposeVirtualizationExtensions, automaticStopAction, checkpointType,
                checkpointCount, secureBoot, secureBootTemplate, integrationServices, guestOs);
    }

    Vm withMemory(long startup, boolean dynamic, long minimum, long maximum, int buffer) {
        return new Vm(id, name, state, generation, version, processorCount, startup, dynamic, minimum, maximum, buffer,
                exposeVirtualizationExtensions, automaticStopAction, checkpointType, checkpointCount, secureBoot,
                secureBootTemplate, integrationServices, guestOs);
    }

    Vm withExposeVirtualizationExtensions(boolean expose) {
        return new Vm(id, name, state, generation, version, processorCount, memoryStartup, dynamicMemoryEnabled,
                memoryMinimum, memoryMaximum, memoryBuffer, expose, automaticStopAction, checkpointType, checkpointCount,
                secureBoot, secureBootTemplate, integrationServices, guestOs);
    }

    Vm withIntegrationServices(List<IntegrationService> services) {
        return new Vm(id, name, state, generation, version, processorCount, memoryStartup, dynamicMemoryEnabled,
                memoryMinimum, memoryMaximum, memoryBuffer, exposeVirtualizationExtensions, automaticStopAction,
                checkpointType, checkpointCount, secureBoot, secureBootTemplate, List.copyOf(services), guestOs);
    }

    Vm withSecureBootTemplate(String template) {
        return new Vm(id, name, state, generation, version, processorCount, memoryStartup, dynamicMemoryEnabled,
                memoryMinimum, memoryMaximum, memoryBuffer, exposeVirtualizationExtensions, automaticStopAction,
                checkpointType, checkpointCount, secureBoot, template, integrationServices, guestOs);
    }

    Vm withVersion(String v) {
        return new Vm(id, name, state, generation, v, processorCount, memoryStartup, dynamicMemoryEnabled, memoryMinimum,
                memoryMaximum, memoryBuffer, exposeVirtualizationExtensions, automaticStopAction, checkpointType,
                checkpointCount, secureBoot, secureBootTemplate, integrationServices, guestOs);
    }
}
