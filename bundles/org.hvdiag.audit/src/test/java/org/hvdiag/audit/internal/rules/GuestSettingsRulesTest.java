package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.assertFixClears;
import static org.hvdiag.audit.Fixture.only;
import static org.hvdiag.audit.Fixture.run;
import static org.hvdiag.audit.Fixture.windows10;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditSettings;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Fixture;
import org.hvdiag.audit.RuleEngine;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.Vm;

/** Guest tools, power-off behaviour and device hot-plug. */
class GuestSettingsRulesTest {

    @Nested
    class ToolsMissing {
        final ToolsNotInstalled rule = new ToolsNotInstalled();

        @Test
        void notInstalled() {
            Vm vm = windows10().toBuilder().toolsState(ToolsState.NOT_INSTALLED).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("tools-not-installed", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("VMware Tools are not installed in this VM", f.message());
            assertEquals("NOT_INSTALLED", f.evidence().get("tools state"));
            assertNull(f.fix());
        }

        @Test
        void notRunningInARunningVm() {
            Vm vm = windows10(HypervisorKind.HYPERV).toBuilder().toolsState(ToolsState.NOT_RUNNING).build();
            Finding f = only(rule, run(rule, vm, Fixture.host(HypervisorKind.HYPERV)), vm);
            assertEquals("Hyper-V integration services are installed but not running in this powered-on VM", f.message());
            assertEquals("POWERED_ON", f.evidence().get("power state"));
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().toolsState(ToolsState.NOT_RUNNING)
                    .powerState(PowerState.POWERED_OFF).build()).isEmpty(), "not running in a powered-off VM");
            assertTrue(run(rule, windows10().toBuilder().toolsState(ToolsState.OUT_OF_DATE).build()).isEmpty(), "old");
            assertTrue(run(rule, windows10().toBuilder().toolsState(ToolsState.UNKNOWN).build()).isEmpty(), "unknown");
        }

        @Test
        void notJudgedOnVirtualBox() {
            // DOMAIN-FACTS has no entry on Guest Additions: the engine does not run the rule on VirtualBox VMs.
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder().toolsState(ToolsState.NOT_INSTALLED).build();
            List<Finding> found = new ArrayList<>();
            new RuleEngine(List.of(rule)).audit(List.of(vm),
                    Map.of(Fixture.HOST_ID, Fixture.host(HypervisorKind.VIRTUALBOX)),
                    AuditSettings.DEFAULTS, found::add);
            assertEquals(List.of(), found);
        }
    }

    @Nested
    class ManualToolsUpgrade {
        final ToolsUpgradeManual rule = new ToolsUpgradeManual();

        @Test
        void manualPolicy() {
            Vm vm = windows10().toBuilder().toolsUpgradePolicy("Manual").build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("tools-upgrade-manual", f.ruleId());
            assertEquals(Severity.INFO, f.severity());
            assertEquals("VMware Tools are upgraded only by hand (tools.upgrade.policy = \"Manual\"), so they can "
                    + "fall behind the host", f.message());
            assertEquals(Map.of("tools.upgrade.policy", "Manual", "tools version", "12.3.5"), f.evidence());
            assertEquals(List.of(new ConfigChange.SetAdvancedSetting("tools.upgrade.policy", "upgradeAtPowerCycle")),
                    f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.TOOLS_UPGRADE_POLICY, "Manual")), f.fix().preconditions());
            assertEquals("upgradeAtPowerCycle", assertFixClears(rule, vm).toolsUpgradePolicy());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10()).isEmpty(), "upgradeAtPowerCycle");
            assertTrue(run(rule, windows10().toBuilder().toolsUpgradePolicy("").build()).isEmpty(), "not set");
        }
    }

    @Nested
    class HardPowerOffButton {
        final HardPowerOff rule = new HardPowerOff();

        @Test
        void hardPowerOff() {
            Vm vm = windows10(HypervisorKind.VMWARE_WORKSTATION).toBuilder().powerOffBehaviour(PowerOffBehaviour.HARD)
                    .rawProperties(Map.of("powerType.powerOff", "hard")).build();
            Finding f = only(rule, run(rule, vm, Fixture.host(HypervisorKind.VMWARE_WORKSTATION)), vm);
            assertEquals("power-hard-poweroff", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("The power-off button cuts the VM's power (powerType.powerOff = \"hard\") instead of asking "
                    + "the guest to shut down", f.message());
            assertEquals("hard", f.evidence().get("powerType.powerOff"));
            assertEquals(List.of(new ConfigChange.SetAdvancedSetting("powerType.powerOff", "soft")), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.POWER_OFF_BEHAVIOUR, "HARD")), f.fix().preconditions());
            Vm fixed = assertFixClears(rule, vm, Fixture.host(HypervisorKind.VMWARE_WORKSTATION),
                    AuditSettings.DEFAULTS);
            assertEquals(PowerOffBehaviour.SOFT, fixed.powerOffBehaviour());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10()).isEmpty(), "soft");
            assertTrue(run(rule, windows10().toBuilder().powerOffBehaviour(PowerOffBehaviour.DEFAULT).build()).isEmpty());
        }
    }

    @Nested
    class HotplugOnServer {
        final DeviceHotplugOnServer rule = new DeviceHotplugOnServer();

        @Test
        void serverWithHotplug() {
            Vm vm = windows10().toBuilder().guestOs(Fixture.WINDOWS_2022).deviceHotplug(true).build();
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("hotplug-devices-server", f.ruleId());
            assertEquals(Severity.INFO, f.severity());
            assertEquals("Server guest Microsoft Windows Server 2022 (64-bit) can eject its NICs and disks through "
                    + "\"Safely Remove Hardware\" (device hot-plug is on; this is about NICs and disks, not USB)",
                    f.message());
            assertEquals("windows2019srvNext-64", f.evidence().get("guestOS"));
            assertEquals("TRUE", f.evidence().get("devices.hotplug"));
            assertEquals(List.of(new ConfigChange.SetAdvancedSetting("devices.hotplug", "FALSE")), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.DEVICE_HOTPLUG, "true")), f.fix().preconditions());
            assertFalse(assertFixClears(rule, vm).deviceHotplug());
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, windows10().toBuilder().deviceHotplug(true).build()).isEmpty(), "desktop");
            assertTrue(run(rule, windows10().toBuilder().guestOs(Fixture.WINDOWS_2022).deviceHotplug(false).build())
                    .isEmpty(), "server, hot-plug off");
        }
    }
}
