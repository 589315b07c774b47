package org.hvdiag.audit.internal.rules;

import static org.hvdiag.audit.Fixture.assertFixClears;
import static org.hvdiag.audit.Fixture.esxHost;
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
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

class HardwareRulesTest {

    static Host esxWithNewest(HardwareVersion newest) {
        return new Host(Fixture.HOST_ID, "esx-old", HypervisorKind.VSPHERE, "ESXi 4.1", 2, 8, 16, 65536, newest, List.of());
    }

    static Vm atVmx(int version) {
        return windows10().toBuilder().hardwareVersion(HardwareVersion.vmx(version)).build();
    }

    @Nested
    class OlderThanHost {
        final HardwareOlderThanHost rule = new HardwareOlderThanHost();

        @Test
        void vmx13OnAnEsxi8Host() {
            Vm vm = atVmx(13);
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("hw-older-than-host", f.ruleId());
            assertEquals(Severity.INFO, f.severity());
            assertEquals("Virtual hardware vmx-13 is older than vmx-21, the newest that host esx01 (ESXi 8.0.2) supports",
                    f.message());
            assertEquals("vmx-13", f.evidence().get("virtualHW.version"));
            assertEquals("vmx-21", f.evidence().get("host newest hardware version"));
            assertEquals(List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(21))), f.fix().changes());
            assertEquals(List.of(new Precondition.FieldIs(VmField.HARDWARE_VERSION, "vmx-13")), f.fix().preconditions());
            assertEquals(HardwareVersion.vmx(21), assertFixClears(rule, vm).hardwareVersion());
        }

        @Test
        void hyperVConfigurationVersion() {
            Vm vm = windows10(HypervisorKind.HYPERV).toBuilder()
                    .hardwareVersion(new HardwareVersion(HardwareVersion.Family.HYPERV, 9, 0)).build();
            Host hv = Fixture.host(HypervisorKind.HYPERV);
            Finding f = only(rule, run(rule, vm, hv), vm);
            assertEquals("9.0", f.evidence().get("configuration version"));
            assertEquals("10.0", f.evidence().get("host default configuration version"));
            assertEquals("Configuration version 9.0 is older than 10.0, the default configuration version of host hv01 "
                    + "(10.0.20348)", f.message());
            assertEquals(List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0))), f.fix().changes());
            assertFixClears(rule, vm, hv, AuditSettings.DEFAULTS);
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, atVmx(21)).isEmpty(), "at the newest");
            assertTrue(run(rule, atVmx(13), null).isEmpty(), "host unknown");
            assertTrue(run(rule, atVmx(13), esxWithNewest(null)).isEmpty(), "host's newest unknown");
            Vm hyperv = windows10(HypervisorKind.HYPERV).toBuilder()
                    .hardwareVersion(new HardwareVersion(HardwareVersion.Family.HYPERV, 9, 0)).build();
            assertTrue(run(rule, hyperv, esxHost()).isEmpty(), "families differ");
            // Hyper-V upgrades to the host's default, not to the newest it lists.
            assertTrue(run(rule, hyperv, Fixture.hypervHost(HardwareVersion.hyperv(9, 0))).isEmpty(), "at the host's default");
            assertTrue(run(rule, hyperv, Fixture.hypervHost(null)).isEmpty(), "host's default unknown");
            assertTrue(run(rule, windows10().toBuilder().hardwareVersion(null).build()).isEmpty(), "VM version unknown");
        }

        @Test
        void virtualBoxSettingsFormatIsNotVirtualHardware() {
            // A .vbox at settings 1.15 on a host that writes 1.19: VirtualBox's file format, nothing to upgrade.
            Vm vm = windows10(HypervisorKind.VIRTUALBOX).toBuilder()
                    .hardwareVersion(new HardwareVersion(HardwareVersion.Family.VIRTUALBOX, 1, 15)).build();
            Host vbox = new Host(Fixture.HOST_ID, "vbox01", HypervisorKind.VIRTUALBOX, "7.0.14", 1, 16, 32, 131072,
                    new HardwareVersion(HardwareVersion.Family.VIRTUALBOX, 1, 19), List.of(), true);
            List<Finding> found = new ArrayList<>();
            new RuleEngine(List.of(rule)).audit(List.of(vm), Map.of(vbox.id(), vbox),
                    AuditSettings.DEFAULTS, found::add);
            assertEquals(List.of(), found);
        }
    }

    @Nested
    class BelowFloor {
        final HardwareBelowFloor rule = new HardwareBelowFloor();

        @Test
        void vmx07UpgradesToTheHostsNewest() {
            Vm vm = atVmx(7);
            Finding f = only(rule, run(rule, vm), vm);
            assertEquals("hw-below-floor", f.ruleId());
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("Virtual hardware vmx-07 is below vmx-08, the oldest version accepted by the audit settings",
                    f.message());
            assertEquals("vmx-07", f.evidence().get("virtualHW.version"));
            assertEquals("vmx-08", f.evidence().get("accepted floor"));
            assertEquals("vmx-21", f.evidence().get("host newest hardware version"));
            assertEquals(List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(21))), f.fix().changes());
            assertFixClears(rule, vm);
        }

        @Test
        void unknownHostUpgradesToTheFloor() {
            Vm vm = atVmx(7);
            Finding f = only(rule, run(rule, vm, null), vm);
            assertEquals(List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(8))), f.fix().changes());
            assertFalse(f.evidence().containsKey("host newest hardware version"));
            assertEquals(HardwareVersion.vmx(8), assertFixClears(rule, vm, null, AuditSettings.DEFAULTS).hardwareVersion());
        }

        @Test
        void hostBelowTheFloorGetsNoUpgrade() {
            Vm vm = atVmx(4);
            Finding f = only(rule, run(rule, vm, esxWithNewest(HardwareVersion.vmx(7))), vm);
            assertNull(f.fix());
            assertTrue(f.message().endsWith("no automatic upgrade: host esx-old supports only up to vmx-07"), f.message());
        }

        @Test
        void adminChosenFloor() {
            AuditSettings floor13 = new AuditSettings(HardwareVersion.vmx(13));
            Vm vm = atVmx(10);
            Finding f = only(rule, run(rule, vm, esxHost(), floor13), vm);
            assertEquals("vmx-13", f.evidence().get("accepted floor"));
            assertTrue(run(rule, atVmx(13), esxHost(), floor13).isEmpty());
            assertFixClears(rule, vm, esxHost(), floor13);
        }

        @Test
        void nearMisses() {
            assertTrue(run(rule, atVmx(8)).isEmpty(), "at the floor");
            assertTrue(run(rule, windows10(HypervisorKind.HYPERV).toBuilder()
                    .hardwareVersion(new HardwareVersion(HardwareVersion.Family.HYPERV, 5, 0)).build()).isEmpty(), "Hyper-V");
            assertFalse(rule.info().appliesTo().contains(HypervisorKind.HYPERV));
        }
    }
}
