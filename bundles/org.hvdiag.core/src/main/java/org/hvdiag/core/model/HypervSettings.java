package org.hvdiag.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What Hyper-V records about a VM that other hypervisors do not have, in Hyper-V's own words where
 * it has them (integration service names as Get-VMIntegrationService prints them, Secure Boot
 * templates and checkpoint types as Set-VM and Set-VMFirmware take them). Values Hyper-V did not
 * report are -1 or "".
 * <p>
 * Startup memory is {@link Vm#memoryMiB()}, the automatic stop action {@link Vm#powerOffBehaviour()}
 * and the checkpoint count {@link Vm#snapshotCount()}: one field per meaning, so the rules on
 * memory, power-off and snapshots read Hyper-V VMs the same way as the others.
 *
 * @param generation 1 or 2, fixed when the VM is created; -1 when unknown
 * @param nestedVirtualization ExposeVirtualizationExtensions (Get-VMProcessor)
 * @param integrationServices in the order Hyper-V listed them; a list rather than a map so that a
 *        rule can walk it by index without allocating (rules run on every VM of a fleet)
 * @param secureBoot Secure Boot on (generation 2 only: generation 1 has BIOS firmware)
 * @param secureBootTemplate "MicrosoftWindows", "MicrosoftUEFICertificateAuthority", "OpenSourceShieldedVM"
 * @param checkpointType "Standard", "Production", "ProductionOnly" or "Disabled"
 */
public record HypervSettings(int generation, DynamicMemory dynamicMemory, boolean nestedVirtualization,
        List<IntegrationService> integrationServices, boolean secureBoot, String secureBootTemplate,
        String checkpointType) {

    public static final String GUEST_SERVICE_INTERFACE = "Guest Service Interface";
    public static final String HEARTBEAT = "Heartbeat";
    public static final String KEY_VALUE_PAIR_EXCHANGE = "Key-Value Pair Exchange";
    public static final String SHUTDOWN = "Shutdown";
    public static final String TIME_SYNCHRONIZATION = "Time Synchronization";
    public static final String VSS = "VSS";

    public static final String TEMPLATE_WINDOWS = "MicrosoftWindows";
    public static final String TEMPLATE_UEFI_CA = "MicrosoftUEFICertificateAuthority";
    public static final String TEMPLATE_SHIELDED = "OpenSourceShieldedVM";

    /**
     * Set-VMMemory's dynamic memory settings besides the startup memory; -1 where Hyper-V did not say.
     * The buffer is the share of memory Hyper-V keeps in reserve above what the guest uses.
     */
    public record DynamicMemory(boolean enabled, long minimumMiB, long maximumMiB, int bufferPercent) {
        public static final DynamicMemory UNKNOWN = new DynamicMemory(false, -1, -1, -1);
    }

    /** One integration service as Get-VMIntegrationService lists it: its name and whether it is enabled. */
    public record IntegrationService(String name, boolean enabled) {
        public IntegrationService {
            Objects.requireNonNull(name, "name");
        }
    }

    public HypervSettings {
        dynamicMemory = dynamicMemory == null ? DynamicMemory.UNKNOWN : dynamicMemory;
        // Order kept as Hyper-V listed the services: evidence shows them as Get-VMIntegrationService does.
        integrationServices = List.copyOf(integrationServices == null ? List.of() : integrationServices);
        secureBootTemplate = secureBootTemplate == null ? "" : secureBootTemplate;
        checkpointType = checkpointType == null ? "" : checkpointType;
    }

    /** Whether an integration service is on; null when the VM does not list it. */
    public Boolean integrationService(String name) {
        for (int i = 0, n = integrationServices.size(); i < n; i++) {
            IntegrationService s = integrationServices.get(i);
            if (s.name().equals(name)) {
                return s.enabled();
            }
        }
        return null;
    }

    public HypervSettings withDynamicMemory(DynamicMemory v) {
        return new HypervSettings(generation, v, nestedVirtualization, integrationServices, secureBoot,
                secureBootTemplate, checkpointType);
    }

    public HypervSettings withNestedVirtualization(boolean v) {
        return new HypervSettings(generation, dynamicMemory, v, integrationServices, secureBoot, secureBootTemplate,
                checkpointType);
    }

    public HypervSettings withIntegrationService(String name, boolean enabled) {
        Objects.requireNonNull(name, "name");
        List<IntegrationService> list = new ArrayList<>(integrationServices);
        int at = -1;
        for (int i = 0; i < list.size() && at < 0; i++) {
            at = list.get(i).name().equals(name) ? i : -1;
        }
        if (at < 0) {
            list.add(new IntegrationService(name, enabled));
        } else {
            list.set(at, new IntegrationService(name, enabled));
        }
        return new HypervSettings(generation, dynamicMemory, nestedVirtualization, list, secureBoot, secureBootTemplate,
                checkpointType);
    }

    public HypervSettings withSecureBootTemplate(String v) {
        return new HypervSettings(generation, dynamicMemory, nestedVirtualization, integrationServices, secureBoot, v,
                checkpointType);
    }
}
