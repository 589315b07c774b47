package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.Vm;

/**
 * A VM as Hyper-V reports it, mapped onto the model. Raw properties keep the cmdlet property names
 * and PowerShell's spelling of the values ("True", "TurnOff"), so evidence reads as Get-VM shows it.
 * <p>
 * Guest tools stay UNKNOWN: an integration service's Enabled says the host offers it, not that the
 * guest runs it, and the script does not read the guest-side status.
 */
final class VmMapping {
    private VmMapping() {
    }

    static Vm toVm(VmRecord r, String hostId, String source) throws HypervJsonException {
        String object = "VM '" + r.name() + "' (" + r.id() + ")";
        HardwareVersion version;
        try {
            version = HardwareVersion.parseHyperv(r.version());
        } catch (IllegalArgumentException e) {
            throw new HypervJsonException(object, "Version", e.getMessage());
        }
        if (r.generation() != 1 && r.generation() != 2) {
            throw new HypervJsonException(object, "Generation", "expected 1 or 2, got " + r.generation());
        }
        List<HypervSettings.IntegrationService> services = new ArrayList<>();
        for (VmRecord.Service s : r.integrationServices()) {
            services.add(new HypervSettings.IntegrationService(s.name(), s.enabled()));
        }
        HypervSettings hyperv = new HypervSettings(r.generation(),
                new HypervSettings.DynamicMemory(r.dynamicMemoryEnabled(), mib(r.memoryMinimum()), mib(r.memoryMaximum()),
                        r.memoryBuffer()),
                r.exposeVirtualizationExtensions(), services, "On".equalsIgnoreCase(r.secureBoot()),
                r.secureBootTemplate(), r.checkpointType());
        return Vm.builder(r.id(), HypervisorKind.HYPERV)
                .name(r.name())
                .hostId(hostId)
                .source(source)
                .powerState(powerState(r.state()))
                .hardwareVersion(version)
                .firmware(r.generation() == 2 ? Firmware.EFI : Firmware.BIOS)
                .guestOs(HypervGuestOs.of(r.guestOs()))
                .vcpus(r.processorCount())
                .memoryMiB(mib(r.memoryStartup()))
                .cpuHotAdd(false)
                .memoryHotAdd(false)
                .toolsState(ToolsState.UNKNOWN)
                .snapshotCount(r.checkpointCount())
                .powerOffBehaviour(stopAction(r.automaticStopAction(), object))
                .rawProperties(raw(r))
                .hyperv(hyperv)
                .build();
    }

    /**
     * Hyper-V's VMState by name; 2 and 3 are the numbers ConvertTo-Json writes for Running and Off when
     * a script forgets the cast. Transitional states (Starting, Saving, ...) are UNKNOWN: neither off
     * nor safely on.
     */
    static PowerState powerState(String state) {
        return switch (state) {
            case "Off", "3" -> PowerState.POWERED_OFF;
            case "Running", "2" -> PowerState.POWERED_ON;
            case "Saved" -> PowerState.SUSPENDED;
            case "Paused" -> PowerState.PAUSED;
            default -> PowerState.UNKNOWN;
        };
    }

    private static PowerOffBehaviour stopAction(String action, String object) throws HypervJsonException {
        return switch (action) {
            case "TurnOff" -> PowerOffBehaviour.HARD;
            case "ShutDown" -> PowerOffBehaviour.SOFT;
            case "Save" -> PowerOffBehaviour.SAVE;
            default -> throw new HypervJsonException(object, "AutomaticStopAction",
                    "expected TurnOff, Save or ShutDown, got \"" + action + "\"");
        };
    }

    /** Hyper-V sizes memory in multiples of 2 MB, so bytes divide into MiB exactly. */
    static long mib(long bytes) {
        return bytes / PlanJson.MIB;
    }

    private static Map<String, String> raw(VmRecord r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Id", r.id());
        m.put("Name", r.name());
        m.put("State", r.state());
        m.put("Generation", Integer.toString(r.generation()));
        m.put("Version", r.version());
        m.put("ProcessorCount", Integer.toString(r.processorCount()));
        m.put("MemoryStartup", Long.toString(r.memoryStartup()));
        m.put("DynamicMemoryEnabled", ps(r.dynamicMemoryEnabled()));
        m.put("MemoryMinimum", Long.toString(r.memoryMinimum()));
        m.put("MemoryMaximum", Long.toString(r.memoryMaximum()));
        m.put("MemoryBuffer", Integer.toString(r.memoryBuffer()));
        m.put("ExposeVirtualizationExtensions", ps(r.exposeVirtualizationExtensions()));
        m.put("AutomaticStopAction", r.automaticStopAction());
        m.put("CheckpointType", r.checkpointType());
        m.put("CheckpointCount", Integer.toString(r.checkpointCount()));
        if (r.secureBoot() != null) {
            m.put("SecureBoot", r.secureBoot());
        }
        if (r.secureBootTemplate() != null) {
            m.put("SecureBootTemplate", r.secureBootTemplate());
        }
        for (VmRecord.Service s : r.integrationServices()) {
            m.put("IntegrationServices[" + s.name() + "]", ps(s.enabled()));
        }
        if (r.guestOs() != null) {
            m.put("GuestOs", r.guestOs());
        }
        return m;
    }

    /** Booleans as PowerShell prints them. */
    private static String ps(boolean b) {
        return b ? "True" : "False";
    }
}
