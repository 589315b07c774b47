package org.hvdiag.ui.internal.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;
import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.PlanPreview;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Connectors;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.Vm;
import org.hvdiag.ui.internal.AuditResults;
import org.hvdiag.ui.internal.Connection;

class FixPreviewTest {
    /** Changes settings, but cannot upgrade virtual hardware. */
    private static final Connector SETTINGS_ONLY = new Connector() {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("settings-only", HypervisorKind.VMWARE_WORKSTATION, "test",
                    List.of(new TargetForm.Url("test", "test://host")), false, List.of());
        }

        @Override
        public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
            throw new ConnectorException("not in this test");
        }

        @Override
        public ChangeSupport support(ConfigChange change) {
            return change instanceof ConfigChange.UpgradeHardwareVersion ? ChangeSupport.UNSUPPORTED : ChangeSupport.WHILE_RUNNING;
        }
    };

    private static Vm vm(String name) {
        return Vm.builder("/vms/" + name + ".vmx", HypervisorKind.VMWARE_WORKSTATION).name(name).hardwareVersion(HardwareVersion.vmx(14))
                .powerOffBehaviour(PowerOffBehaviour.HARD).rawProperties(Map.of("powerType.powerOff", "hard")).build();
    }

    private static Finding finding(String target, Vm vm, ConfigChange change) {
        VmField checked = change instanceof ConfigChange.UpgradeHardwareVersion ? VmField.HARDWARE_VERSION : VmField.POWER_OFF_BEHAVIOUR;
        return new Finding("r", Severity.WARNING, target, "local", vm.id(), vm.name(), "m", Map.of(),
                ChangePlan.of(vm, "r", List.of(checked), List.of(change)));
    }

    @Test
    void aVmThePushWouldRefuseIsListedWithWhyAndNotPushed() {
        Vm soft = vm("soft");
        Vm upgrade = vm("upgrade");
        Vm orphan = vm("orphan");
        Connection server = new Connection("server", "settings-only", "test://host", "", Map.of());
        Connection gone = new Connection("gone", "uninstalled", "gone://host", "", Map.of());
        List<Finding> findings = List.of(
                finding("test://host", soft, new ConfigChange.SetAdvancedSetting("powerType.powerOff", "soft")),
                finding("test://host", upgrade, new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(21))),
                finding("gone://host", orphan, new ConfigChange.SetAdvancedSetting("powerType.powerOff", "soft")));
        AuditResults.Snapshot audit = new AuditResults.Snapshot(
                new AuditReport(List.of("test://host", "gone://host"), List.of(), findings, List.of(), 3, 2),
                List.of(new Inventory("test://host", Instant.now(), List.of(), List.of(soft, upgrade), List.of()),
                        new Inventory("gone://host", Instant.now(), List.of(), List.of(orphan), List.of())),
                List.of(server, gone));

        FixPreview preview = FixPreview.of(findings, audit, new Connectors(List.of(SETTINGS_ONLY)));

        assertEquals(List.of("soft", "upgrade", "orphan"), preview.vms().stream().map(v -> v.preview().before().name()).toList(),
                "every VM is listed, the refused ones too");
        PlanPreview ok = preview.vms().get(0).preview();
        assertFalse(ok.blocked());
        assertEquals("HARD", ok.changes().get(0).before());
        assertEquals("SOFT", ok.changes().get(0).after());
        PlanPreview unsupported = preview.vms().get(1).preview();
        assertTrue(unsupported.blocker().contains("not supported by settings-only"), unsupported.blocker());
        PlanPreview orphaned = preview.vms().get(2).preview();
        assertTrue(orphaned.blocker().contains("'uninstalled' is not installed"), orphaned.blocker());
        assertEquals(Map.of(server, List.of(ok.plan())), preview.plansByConnection(), "only what can be done is pushed");
    }
}
