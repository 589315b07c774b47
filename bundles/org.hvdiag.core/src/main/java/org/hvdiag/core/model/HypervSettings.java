package org.hvdiag.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param integrationServices name to enabled, in the order Hyper-V listed them
 * @param secureBoot Secure Boot on (generation 2 only: generation 1 has BIOS firmware)
 * @param secureBootTemplate "MicrosoftWindows", "MicrosoftUEFICertificateAuthority", "OpenSourceShieldedVM"
 * @param checkpointType "Standard", "Production", "ProductionOnly" or "Disabled"
 */
public record HypervSettings(int generation, DynamicMemory dynamicMemory, boolean nestedVirtualization,
        Map<String, Boolean> integrationServices, boolean secureBoot, String secureBootTemplate,
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

    public HypervSettings {
        dynamicMemory = dynamicMemory == null ? DynamicMemory.UNKNOWN : dynamicMemory;
        // Order kept as Hyper-V listed the services: evidence shows them as Get-VMIntegrationService does.
        integrationServices = Collections.unmodifiableMap(new LinkedHashMap<>(
                integrationServices == null ? Map.of() : integrationServices));
        secureBootTemplate = secureBootTemplate == null ? "" : secureBootTemplate;
        checkpointType = checkpointType == null ? "" : checkpointType;
    }

    /** Whether an integration service is on; null when the VM does not list it. */
    public Boolean integrationService(String name) {
        return integrationServices.get(name);
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
        Map<String, Boolean> m = new LinkedHashMap<>(integrationServices);
        m.put(name, enabled);
        return new HypervSettings(generation, dynamicMemory, nestedVirtualization, m, secureBoot, secureBootTemplate,
                checkpointType);
    }

    public HypervSettings withSecureBootTemplate(String v) {
        return new HypervSettings(generation, dynamicMemory, nestedVirtualization, integrationServices, secureBoot, v,
                checkpointType);
    }
}
