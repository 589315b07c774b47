package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.assertFixClears;
import static org.hvdiag.audit.Fixture.hypervDefaults;
import static org.hvdiag.audit.Fixture.hypervHost;
import static org.hvdiag.audit.Fixture.only;
import static org.hvdiag.audit.Fixture.run;
import static org.hvdiag.audit.Fixture.runHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Fixture;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/** The Hyper-V rules, each with a VM that breaks it, its near misses, and its fix applied to the model. */
class HypervRulesTest {
    static final GuestOs VISTA = new GuestOs("Windows Vista", GuestOs.Family.WINDOWS, 60, false, "Windows Vista");
    static final GuestOs SERVER_2008_R2 = new GuestOs("Windows Server 2008 R2", GuestOs.Family.WINDOWS, 61, true,
            "Windows Server 2008 R2");

    /** A clean Windows 10 VM on hv01 with Hyper-V's defaults. */
    static Vm clean() {
        return Fixture.windows10(HypervisorKind.HYPERV);
    }

    static Host host() {
        return Fixture.host(HypervisorKind.HYPERV);
    }

    static Vm with(HypervSettings h) {
        return clean().toBuilder().hyperv(h).build();
    }

    static HypervSettings service(String name, boolean on) {
        return hypervDefaults().withIntegrationService(name, on);
    }

    @Nested
    class ConfigurationVersionBelow8 {
        final HypervVersionBelow8 rule = new HypervVersionBelow8();

        Vm at(int major, int minor) {
            return clean().toBuilder().hardwareVersion(HardwareVersion.hyperv(major, minor)).build();
        }

        @Test
        void version5OnAHostWhoseDefaultIs10() {
            Vm vm = at(5, 0);
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("Configuration version 5.0 is below 8.0: the VM cannot run on Windows Server 2022 or newer",
                    f.message());
            assertEquals(Map.of("configuration version", "5.0", "oldest on Windows Server 2022 and newer", "8.0",
                    "host default configuration version", "10.0"), f.evidence());
            assertEquals(List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0))), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.HARDWARE_VERSION, "5.0")), f.fix().preconditions());
            assertTrue(f.fix().changes().get(0).describe().contains("one-way"), "the preview must say it is one-way");
            assertEquals(HardwareVersion.hyperv(10, 0), assertFixClears(rule, vm, host(), AuditSettings.DEFAULTS).hardwareVersion());
        }

        @Test
        void noUpgradeOfferedWhereTheHostsDefaultCannotLiftIt() {
            Vm vm = at(5, 0);
            Finding old = only(rule, run(rule, vm, hypervHost(HardwareVersion.hyperv(5, 0))), vm);
            assertNull(old.fix());
            assertEquals("Configuration version 5.0 is below 8.0: the VM cannot run on Windows Server 2022 or newer; no "
                    + "automatic upgrade: the default configuration version of host hv01 is 5.0", old.message());
            assertNull(only(rule, run(rule, vm, hypervHost(null)), vm).fix(), "host default unknown");
            assertNull(only(rule, run(rule, vm, null), vm).fix(), "host unknown");
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, at(8, 0), host()).isEmpty(), "8.0 runs on Windows Server 2022");
            assertTrue(run(rule, clean().toBuilder().hardwareVersion(null).build(), host()).isEmpty(), "version unknown");
            assertTrue(run(rule, Fixture.windows10().toBuilder().hardwareVersion(HardwareVersion.vmx(4)).build(),
                    host()).isEmpty(), "a VMware version is not a configuration version");
        }
    }

    @Nested
    class AutomaticStopActionTurnOff {
        final HardPowerOff rule = new HardPowerOff();

        @Test
        void turnOffIsReportedAndSetToShutDown() {
            Vm vm = clean().toBuilder().powerOffBehaviour(PowerOffBehaviour.HARD).build();
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals("The automatic stop action is TurnOff: when the host shuts down it cuts the VM's power instead "
                    + "of asking the guest to shut down", f.message());
            assertEquals(Map.of("AutomaticStopAction", "TurnOff"), f.evidence());
            assertEquals(List.of(new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT)), f.fix().changes());
            assertEquals(PowerOffBehaviour.SOFT, assertFixClears(rule, vm, host(), AuditSettings.DEFAULTS).powerOffBehaviour());
        }

        @Test
        void saveAndShutDownAreFine() {
            assertTrue(run(rule, clean().toBuilder().powerOffBehaviour(PowerOffBehaviour.SAVE).build(), host()).isEmpty());
            assertTrue(run(rule, clean().toBuilder().powerOffBehaviour(PowerOffBehaviour.SOFT).build(), host()).isEmpty());
            assertTrue(run(rule, clean().toBuilder().powerOffBehaviour(PowerOffBehaviour.DEFAULT).build(), host()).isEmpty());
        }
    }

    @Nested
    class DynamicMemoryWithNestedVirtualization {
        final DynamicMemoryWithNested rule = new DynamicMemoryWithNested();
        final HypervSettings.DynamicMemory dynamic = new HypervSettings.DynamicMemory(true, 512, 16384, 20);

        @Test
        void dynamicMemoryIsTurnedOffAndTheStartupMemoryKept() {
            Vm vm = with(hypervDefaults().withNestedVirtualization(true).withDynamicMemory(dynamic));
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("True", f.evidence().get("ExposeVirtualizationExtensions"));
            assertEquals("True", f.evidence().get("DynamicMemoryEnabled"));
            assertEquals("8192", f.evidence().get("startup memory (MiB)"));
            assertEquals(List.of(ConfigChange.SetDynamicMemory.off()), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm, host(), AuditSettings.DEFAULTS);
            assertEquals(8192, fixed.memoryMiB());
            assertEquals(true, fixed.hyperv().nestedVirtualization(), "the fix keeps nested virtualization");
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, with(hypervDefaults().withNestedVirtualization(true)), host()).isEmpty(), "fixed memory");
            assertTrue(run(rule, with(hypervDefaults().withDynamicMemory(dynamic)), host()).isEmpty(), "not nested");
            assertTrue(run(rule, Fixture.windows10(), Fixture.esxHost()).isEmpty(), "no Hyper-V settings");
        }
    }

    @Nested
    class LinuxOnTheWindowsSecureBootTemplate {
        final LinuxSecureBootTemplate rule = new LinuxSecureBootTemplate();

        Vm ubuntu(HypervSettings h) {
            return clean().toBuilder().guestOs(Fixture.UBUNTU).hyperv(h).build();
        }

        @Test
        void theTemplateBecomesTheUefiCertificateAuthority() {
            Vm vm = ubuntu(hypervDefaults());
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("Linux guest Ubuntu Linux (64-bit) has Secure Boot on with the MicrosoftWindows template, which "
                    + "stops it from booting", f.message());
            assertEquals(List.of(new ConfigChange.SetSecureBootTemplate("MicrosoftUEFICertificateAuthority")),
                    f.fix().changes());
            Vm fixed = assertFixClears(rule, vm, host(), AuditSettings.DEFAULTS);
            assertEquals(true, fixed.hyperv().secureBoot(), "Secure Boot stays on");
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, clean(), host()).isEmpty(), "a Windows guest on the Windows template");
            assertTrue(run(rule, clean().toBuilder().guestOs(GuestOs.UNKNOWN).build(), host()).isEmpty(), "guest unknown");
            assertTrue(run(rule, ubuntu(hypervDefaults().withSecureBootTemplate("MicrosoftUEFICertificateAuthority")),
                    host()).isEmpty(), "the right template");
            HypervSettings off = new HypervSettings(2, null, false, hypervDefaults().integrationServices(), false,
                    "MicrosoftWindows", "Production");
            assertTrue(run(rule, ubuntu(off), host()).isEmpty(), "Secure Boot off");
            HypervSettings gen1 = new HypervSettings(1, null, false, hypervDefaults().integrationServices(), true,
                    "MicrosoftWindows", "Production");
            assertTrue(run(rule, ubuntu(gen1), host()).isEmpty(), "generation 1 has no Secure Boot");
        }
    }

    @Nested
    class IntegrationServices {
        final IntegrationServicesOff rule = new IntegrationServicesOff();

        @Test
        void shutdownOff() {
            Vm vm = with(service(HypervSettings.SHUTDOWN, false));
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("Integration service Shutdown is off: the host cannot ask the guest to shut down", f.message());
            assertEquals(Map.of("Shutdown", "off"), f.evidence());
            assertEquals(List.of(new ConfigChange.SetIntegrationService("Shutdown", true)), f.fix().changes());
            assertFixClears(rule, vm, host(), AuditSettings.DEFAULTS);
        }

        @Test
        void heartbeatLeadsOtherServicesOff() {
            Vm vm = with(service(HypervSettings.VSS, false).withIntegrationService(HypervSettings.HEARTBEAT, false));
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals("Integration services Heartbeat, VSS are off: the host cannot see that the guest is alive",
                    f.message());
            assertEquals(List.of(new ConfigChange.SetIntegrationService("Heartbeat", true),
                    new ConfigChange.SetIntegrationService("VSS", true)), f.fix().changes());
            Vm fixed = assertFixClears(rule, vm, host(), AuditSettings.DEFAULTS);
            assertEquals(Boolean.FALSE, fixed.hyperv().integrationService(HypervSettings.GUEST_SERVICE_INTERFACE),
                    "Guest Service Interface stays as Hyper-V ships it");
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, clean(), host()).isEmpty(), "Hyper-V's defaults: Guest Service Interface off");
            assertTrue(run(rule, with(service(HypervSettings.GUEST_SERVICE_INTERFACE, true)), host()).isEmpty(), "all on");
        }
    }

    @Nested
    class OldWindowsGuestProcessors {
        final WindowsGuestVcpuLimit rule = new WindowsGuestVcpuLimit();

        Vm guest(GuestOs os, int vcpus) {
            return clean().toBuilder().guestOs(os).vcpus(vcpus).build();
        }

        @Test
        void windows7WithFive() {
            Vm vm = guest(Fixture.WINDOWS_7, 5);
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("Microsoft Windows 7 (64-bit) has 5 virtual processors; Microsoft's Best Practices Analyzer "
                    + "allows at most 4 for this guest", f.message());
            assertEquals(List.of(new ConfigChange.SetVcpus(4)), f.fix().changes());
            assertEquals(4, assertFixClears(rule, vm, host(), AuditSettings.DEFAULTS).vcpus());
        }

        @Test
        void vistaWithThree() {
            Vm vm = guest(VISTA, 3);
            assertEquals(List.of(new ConfigChange.SetVcpus(2)), only(rule, run(rule, vm, host()), vm).fix().changes());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, guest(Fixture.WINDOWS_7, 4), host()).isEmpty(), "Windows 7 at 4");
            assertTrue(run(rule, guest(VISTA, 2), host()).isEmpty(), "Vista at 2");
            assertTrue(run(rule, guest(SERVER_2008_R2, 8), host()).isEmpty(), "the server release of 6.1");
            assertTrue(run(rule, guest(Fixture.WINDOWS_UNKNOWN, 8), host()).isEmpty(), "Windows of unknown release");
            assertTrue(run(rule, guest(GuestOs.UNKNOWN, 8), host()).isEmpty(), "guest unknown");
        }
    }

    @Nested
    class CheckpointsOnAServer {
        final CheckpointsOnServer rule = new CheckpointsOnServer();

        @Test
        void serverWithCheckpoints() {
            Vm vm = clean().toBuilder().guestOs(Fixture.WINDOWS_2022).snapshotCount(2).build();
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals("Server guest Microsoft Windows Server 2022 (64-bit) has 2 checkpoints", f.message());
            assertEquals("2", f.evidence().get("checkpoints"));
            assertNull(f.fix());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, clean().toBuilder().guestOs(Fixture.WINDOWS_2022).snapshotCount(0).build(), host())
                    .isEmpty(), "server without checkpoints");
            assertTrue(run(rule, clean().toBuilder().snapshotCount(3).build(), host()).isEmpty(), "desktop guest");
            assertTrue(run(rule, clean().toBuilder().guestOs(GuestOs.UNKNOWN).snapshotCount(3).build(), host()).isEmpty(),
                    "guest unknown");
        }
    }

    @Nested
    class Paused {
        final PausedVm rule = new PausedVm();

        @Test
        void aPausedVm() {
            Vm vm = clean().toBuilder().powerState(PowerState.PAUSED).build();
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals(Severity.WARNING, f.severity());
            assertEquals(Map.of("State", "Paused"), f.evidence());
            assertNull(f.fix());
        }

        @Test
        void runningAndSavedAreNotPaused() {
            assertTrue(run(rule, clean(), host()).isEmpty());
            assertTrue(run(rule, clean().toBuilder().powerState(PowerState.SUSPENDED).build(), host()).isEmpty());
        }
    }

    @Nested
    class Sizing {
        @Test
        void moreVirtualProcessorsThanTheHostsCores() {
            VcpusExceedHostCores rule = new VcpusExceedHostCores();
            Vm vm = clean().toBuilder().vcpus(24).build();
            Finding f = only(rule, run(rule, vm, host()), vm);
            assertEquals("16", f.evidence().get("host cores"));
            assertEquals("32", f.evidence().get("host threads"));
            assertEquals(List.of(new ConfigChange.SetVcpus(16)), f.fix().changes());
            assertTrue(run(rule, clean().toBuilder().vcpus(16).build(), host()).isEmpty(), "as many as the cores");
        }

        @Test
        void aPausedVmStillHoldsItsMemory() {
            HostMemoryOvercommit rule = new HostMemoryOvercommit();
            Vm running = clean().toBuilder().memoryMiB(81920).build();
            Vm paused = clean().toBuilder().memoryMiB(81920).powerState(PowerState.PAUSED).build();
            Vm saved = clean().toBuilder().memoryMiB(81920).powerState(PowerState.SUSPENDED).build();
            List<Finding> found = runHost(rule, host(), List.of(running, paused));
            assertEquals(1, found.size());
            assertEquals("163840", found.get(0).evidence().get("total VM memory (MiB)"));
            assertTrue(runHost(rule, host(), List.of(running, saved)).isEmpty(), "a saved VM holds no memory");
        }
    }
}
