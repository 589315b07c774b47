package org.hvdiag.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervSettings;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.Vm;

/** Hyper-V's change kinds: what the model predicts, what it refuses, and what the verifier checks. */
class HypervChangesTest {

    private static List<HypervSettings.IntegrationService> services(boolean shutdown) {
        return List.of(new HypervSettings.IntegrationService(HypervSettings.GUEST_SERVICE_INTERFACE, false),
                new HypervSettings.IntegrationService(HypervSettings.HEARTBEAT, true),
                new HypervSettings.IntegrationService(HypervSettings.KEY_VALUE_PAIR_EXCHANGE, true),
                new HypervSettings.IntegrationService(HypervSettings.SHUTDOWN, shutdown),
                new HypervSettings.IntegrationService(HypervSettings.TIME_SYNCHRONIZATION, true),
                new HypervSettings.IntegrationService(HypervSettings.VSS, true));
    }

    /** A generation 2 Ubuntu build host with nested virtualization, dynamic memory and Shutdown off. */
    private static Vm before() {
        return Vm.builder("6f1c7c38-0f4b-4a7e-9a43-2b1f0c1d9e11", HypervisorKind.HYPERV).name("build01")
                .powerState(PowerState.POWERED_OFF).hardwareVersion(HardwareVersion.hyperv(9, 0)).vcpus(4).memoryMiB(4096)
                .powerOffBehaviour(PowerOffBehaviour.HARD)
                .hyperv(new HypervSettings(2, new HypervSettings.DynamicMemory(true, 512, 1048576, 20), true,
                        services(false), true, HypervSettings.TEMPLATE_WINDOWS, "Production"))
                .build();
    }

    private static final List<ConfigChange> PLAN = List.of(
            new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT),
            ConfigChange.SetDynamicMemory.off(),
            new ConfigChange.SetIntegrationService(HypervSettings.SHUTDOWN, true),
            new ConfigChange.SetSecureBootTemplate(HypervSettings.TEMPLATE_UEFI_CA),
            new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0)));

    @Test
    void previewShowsEachHypervValueBeforeAndAfter() {
        Vm after = ChangePreview.apply(before(), PLAN);
        assertEquals(List.of(
                new ChangePreview.FieldChange(VmField.HARDWARE_VERSION, "9.0", "10.0"),
                new ChangePreview.FieldChange(VmField.POWER_OFF_BEHAVIOUR, "HARD", "SOFT"),
                new ChangePreview.FieldChange(VmField.DYNAMIC_MEMORY, "true", "false"),
                new ChangePreview.FieldChange(VmField.INTEGRATION_SERVICES,
                        "Guest Service Interface=off,Heartbeat=on,Key-Value Pair Exchange=on,Shutdown=off,Time Synchronization=on,VSS=on",
                        "Guest Service Interface=off,Heartbeat=on,Key-Value Pair Exchange=on,Shutdown=on,Time Synchronization=on,VSS=on"),
                new ChangePreview.FieldChange(VmField.SECURE_BOOT_TEMPLATE, "MicrosoftWindows", "MicrosoftUEFICertificateAuthority")),
                ChangePreview.differences(before(), after));
        assertEquals(4096, after.memoryMiB(), "turning dynamic memory off keeps the startup memory");
        assertEquals(new HypervSettings.DynamicMemory(false, 512, 1048576, 20), after.hyperv().dynamicMemory());
        assertEquals(true, after.hyperv().nestedVirtualization());
    }

    @Test
    void dynamicMemoryValuesLeftAtMinusOneKeepTheirs() {
        Vm after = ChangePreview.apply(before(), List.of(new ConfigChange.SetDynamicMemory(true, 1024, -1, 50),
                new ConfigChange.SetNestedVirtualization(false)));
        assertEquals(new HypervSettings.DynamicMemory(true, 1024, 1048576, 50), after.hyperv().dynamicMemory());
        assertEquals(false, after.hyperv().nestedVirtualization());
        assertEquals(List.of("1024", "50", "false"), List.of(VmField.MEMORY_MINIMUM_MIB.read(after),
                VmField.MEMORY_BUFFER_PERCENT.read(after), VmField.NESTED_VIRTUALIZATION.read(after)));
    }

    @Test
    void describesEachChangeInHypervsWords() {
        assertEquals("set automatic stop action to ShutDown", new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT).describe());
        assertEquals("set automatic stop action to TurnOff", new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.HARD).describe());
        assertEquals("set automatic stop action to Save", new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SAVE).describe());
        assertEquals("turn dynamic memory off", ConfigChange.SetDynamicMemory.off().describe());
        assertEquals("turn dynamic memory on (minimum 512 MiB, maximum 8192 MiB, buffer 20%)",
                new ConfigChange.SetDynamicMemory(true, 512, 8192, 20).describe());
        assertEquals("stop exposing virtualization extensions to the guest (nested virtualization)",
                new ConfigChange.SetNestedVirtualization(false).describe());
        assertEquals("turn on integration service Heartbeat", new ConfigChange.SetIntegrationService("Heartbeat", true).describe());
        assertEquals("set Secure Boot template to MicrosoftUEFICertificateAuthority",
                new ConfigChange.SetSecureBootTemplate(HypervSettings.TEMPLATE_UEFI_CA).describe());
        assertEquals("upgrade virtual hardware to 10.0 (one-way: cannot be undone)",
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0)).describe());
    }

    @Test
    void refusesValuesHypervRefuses() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new ConfigChange.SetDynamicMemory(true, 512, 8192, 4));
        assertThrows(IllegalArgumentException.class, () -> new ConfigChange.SetDynamicMemory(true, 512, 8192, 2001));
        assertThrows(IllegalArgumentException.class, () -> new ConfigChange.SetDynamicMemory(true, 8192, 512, 20));
        assertThrows(IllegalArgumentException.class, () -> new ConfigChange.SetIntegrationService(" ", true));
        // The limits themselves are allowed: Set-VMMemory takes 5 to 2000 percent.
        new ConfigChange.SetDynamicMemory(true, 512, 8192, 5);
        new ConfigChange.SetDynamicMemory(true, 512, 8192, 2000);
    }

    @Test
    void refusesWhatTheVmCannotTake() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ChangePreview.apply(before(), List.of(new ConfigChange.SetIntegrationService("Data Exchange", true))));
        assertEquals("cannot turn on integration service Data Exchange: no such object or not applicable", unknown.getMessage());
        Vm gen1 = before().toBuilder().hyperv(new HypervSettings(1, null, false, services(true), false, "", "Standard")).build();
        assertThrows(IllegalArgumentException.class,
                () -> ChangePreview.apply(gen1, List.of(new ConfigChange.SetSecureBootTemplate(HypervSettings.TEMPLATE_UEFI_CA))));
        Vm vmware = Vm.builder("/vms/a.vmx", HypervisorKind.VMWARE_WORKSTATION).name("A").build();
        IllegalArgumentException notHyperv = assertThrows(IllegalArgumentException.class,
                () -> ChangePreview.apply(vmware, List.of(new ConfigChange.SetNestedVirtualization(false))));
        assertEquals("cannot stop exposing virtualization extensions to the guest (nested virtualization): A is not a Hyper-V VM",
                notHyperv.getMessage());
    }

    @Test
    void otherHypervisorsReadEmptyHypervFieldsSoTheirJournalsDoNotChange() {
        Vm vmware = Vm.builder("/vms/a.vmx", HypervisorKind.VMWARE_WORKSTATION).name("A").build();
        for (VmField f : List.of(VmField.DYNAMIC_MEMORY, VmField.MEMORY_MINIMUM_MIB, VmField.MEMORY_MAXIMUM_MIB,
                VmField.MEMORY_BUFFER_PERCENT, VmField.NESTED_VIRTUALIZATION, VmField.INTEGRATION_SERVICES,
                VmField.SECURE_BOOT_TEMPLATE)) {
            assertEquals("", f.read(vmware), f.name());
        }
    }

    @Test
    void dynamicMemoryIsSettledBeforeNestedVirtualizationAndTheUpgradeComesLast() {
        List<ConfigChange> ordered = ChangePlan.orderForApply(List.of(
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0)),
                new ConfigChange.SetNestedVirtualization(true),
                ConfigChange.SetDynamicMemory.off()));
        assertEquals(List.of(ConfigChange.SetDynamicMemory.off(), new ConfigChange.SetNestedVirtualization(true),
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0))), ordered);
    }

    @Test
    void aHypervPlanThatReadsBackAsPredictedHolds() {
        Vm reread = ChangePreview.apply(before(), PLAN);
        assertEquals(List.of(), Verification.unmet(before(), PLAN, reread));
    }

    @Test
    void eachHypervValueThatDidNotChangeIsNamed() {
        // Hyper-V took none of the changes: every value the plan changes reads as before.
        List<String> unmet = Verification.unmet(before(), PLAN, before());
        assertEquals(List.of(
                "hardware version is '9.0', expected '10.0'",
                "power-off behaviour is 'HARD', expected 'SOFT'",
                "dynamic memory is 'true', expected 'false'",
                "integration services is 'Guest Service Interface=off,Heartbeat=on,Key-Value Pair Exchange=on,Shutdown=off,"
                        + "Time Synchronization=on,VSS=on', expected 'Guest Service Interface=off,Heartbeat=on,"
                        + "Key-Value Pair Exchange=on,Shutdown=on,Time Synchronization=on,VSS=on'",
                "Secure Boot template is 'MicrosoftWindows', expected 'MicrosoftUEFICertificateAuthority'"), unmet);
    }

    @Test
    void nestedVirtualizationAndMemoryBoundsAreVerifiedToo() {
        List<ConfigChange> plan = List.of(new ConfigChange.SetNestedVirtualization(false),
                new ConfigChange.SetDynamicMemory(true, 1024, 8192, 10));
        Vm reread = ChangePreview.apply(before(), plan).toBuilder().hyperv(before().hyperv()).build();
        assertEquals(List.of(
                "minimum memory (MiB) is '512', expected '1024'",
                "maximum memory (MiB) is '1048576', expected '8192'",
                "memory buffer (%) is '20', expected '10'",
                "nested virtualization is 'true', expected 'false'"), Verification.unmet(before(), plan, reread));
    }
}
