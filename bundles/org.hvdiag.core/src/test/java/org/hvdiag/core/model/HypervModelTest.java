package org.hvdiag.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Configuration versions as Hyper-V prints them, the host's upgrade target, and integration service order. */
class HypervModelTest {

    @Test
    void parsesConfigurationVersionsAsGetVmPrintsThem() {
        assertEquals(HardwareVersion.hyperv(9, 0), HardwareVersion.parseHyperv("9.0"));
        assertEquals(HardwareVersion.hyperv(10, 0), HardwareVersion.parseHyperv(" 10.0 "));
        assertEquals("8.3", HardwareVersion.parseHyperv("8.3").toString());
        assertEquals(HardwareVersion.Family.HYPERV, HardwareVersion.parseHyperv("5.0").family());
        // Compared as numbers: 10.0 is newer than 9.0, not older as text would have it.
        assertEquals(true, HardwareVersion.parseHyperv("10.0").isAtLeast(HardwareVersion.parseHyperv("9.0")));
    }

    @Test
    void refusesWhatIsNotAConfigurationVersion() {
        for (String bad : new String[] {"9", "vmx-13", "9.", ".0", "nine.0", "-1.0", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardwareVersion.parseHyperv(bad), bad);
            assertEquals("not a Hyper-V configuration version: '" + bad + "' (expected e.g. 9.0)", e.getMessage());
        }
    }

    @Test
    void hyperVUpgradesToTheHostDefaultOthersToTheNewest() {
        Host hv = new Host("h", "hv01", HypervisorKind.HYPERV, "10.0.26100", 2, 16, 32, 131072,
                HardwareVersion.hyperv(12, 0), List.of(), false, HardwareVersion.hyperv(8, 0), HardwareVersion.hyperv(11, 0));
        assertEquals(HardwareVersion.hyperv(11, 0), hv.upgradeTarget());
        Host esx = new Host("h", "esx01", HypervisorKind.VSPHERE, "8.0", 2, 16, 32, 131072, HardwareVersion.vmx(21), List.of());
        assertEquals(HardwareVersion.vmx(21), esx.upgradeTarget());
        assertNull(esx.defaultHardwareVersion());
        Host hvUnknownDefault = new Host("h", "hv01", HypervisorKind.HYPERV, "", 2, 16, 32, 131072,
                HardwareVersion.hyperv(12, 0), List.of(), false);
        assertNull(hvUnknownDefault.upgradeTarget(), "the newest is not where Update-VMVersion goes");
    }

    @Test
    void integrationServicesKeepHypervsOrderAndCannotBeChangedInPlace() {
        List<HypervSettings.IntegrationService> services = new ArrayList<>(List.of(
                new HypervSettings.IntegrationService(HypervSettings.VSS, true),
                new HypervSettings.IntegrationService(HypervSettings.GUEST_SERVICE_INTERFACE, false),
                new HypervSettings.IntegrationService(HypervSettings.HEARTBEAT, true)));
        HypervSettings h = new HypervSettings(2, null, false, services, true, HypervSettings.TEMPLATE_WINDOWS, "Production");
        assertEquals(List.of("VSS", "Guest Service Interface", "Heartbeat"), names(h));
        assertThrows(UnsupportedOperationException.class,
                () -> h.integrationServices().add(new HypervSettings.IntegrationService("Shutdown", true)));
        services.add(new HypervSettings.IntegrationService(HypervSettings.SHUTDOWN, false));
        assertNull(h.integrationService(HypervSettings.SHUTDOWN), "a copy, not a view of the caller's list");
        assertEquals(HypervSettings.DynamicMemory.UNKNOWN, h.dynamicMemory());
        HypervSettings on = h.withIntegrationService(HypervSettings.GUEST_SERVICE_INTERFACE, true);
        assertEquals(List.of("VSS", "Guest Service Interface", "Heartbeat"), names(on), "switched in place, not moved");
        assertEquals(Boolean.TRUE, on.integrationService(HypervSettings.GUEST_SERVICE_INTERFACE));
        assertEquals(Boolean.FALSE, h.integrationService(HypervSettings.GUEST_SERVICE_INTERFACE));
    }

    private static List<String> names(HypervSettings h) {
        return h.integrationServices().stream().map(HypervSettings.IntegrationService::name).toList();
    }

    @Test
    void aPausedVmHoldsItsMemoryASavedOneDoesNot() {
        assertEquals(true, PowerState.PAUSED.holdsMemory());
        assertEquals(true, PowerState.POWERED_ON.holdsMemory());
        assertEquals(false, PowerState.SUSPENDED.holdsMemory());
        assertEquals(false, PowerState.PAUSED.isOff(), "a change that needs the VM off must not run on a paused VM");
    }
}
