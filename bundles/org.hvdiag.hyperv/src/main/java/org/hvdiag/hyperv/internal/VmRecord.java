package org.hvdiag.hyperv.internal;

import java.util.List;

/**
 * One VM as vm-json.ps1 prints it, in Hyper-V's own property names and units (bytes, strings of
 * enums): what the journal keeps as the before-state and what undo restores from.
 *
 * @param secureBoot "On", "Off", or null for a generation 1 VM (no UEFI firmware)
 * @param guestOs the guest's OSName over Key-Value Pair Exchange; null when the VM is not running or
 *        the guest does not report it
 * @param json the VM's JSON exactly as the host sent it, for the journal
 */
record VmRecord(String id, String name, String state, int generation, String version, int processorCount,
        long memoryStartup, boolean dynamicMemoryEnabled, long memoryMinimum, long memoryMaximum, int memoryBuffer,
        boolean exposeVirtualizationExtensions, String automaticStopAction, String checkpointType, int checkpointCount,
        String secureBoot, String secureBootTemplate, List<Service> integrationServices, String guestOs, String json) {

    /** One entry of Get-VMIntegrationService. */
    record Service(String name, boolean enabled) {
    }

    VmRecord {
        integrationServices = List.copyOf(integrationServices);
    }

    Boolean service(String serviceName) {
        for (Service s : integrationServices) {
            if (s.name().equals(serviceName)) {
                return s.enabled();
            }
        }
        return null;
    }
}
