package org.hvdiag.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.UsbControllerType;

/** What the connector tells the CLI and the workbench, and which changes it makes when. */
class HypervConnectorTest {
    private final HypervConnector connector = new HypervConnector();

    @Test
    void theDescriptorOffersWinrmOverHttpsWithAnAccountAndAThumbprint() {
        ConnectorDescriptor d = connector.descriptor();
        assertEquals("hyperv", d.id());
        assertEquals(HypervisorKind.HYPERV, d.hypervisor());
        assertEquals(List.of(new TargetForm.Url("winrm+https", "winrm+https://user@host[:5986]")), d.targetForms());
        assertTrue(d.needsCredentials("winrm+https://admin@hv1"));
        assertEquals(List.of(ConnectorOption.THUMBPRINT, HypervConnector.AUTH), d.options());
        assertFalse(d.readsFiles());
    }

    @Test
    void winrmTargetsAreClaimedOthersAreNot() {
        assertTrue(connector.accepts("winrm+https://admin@hv1.example"));
        assertTrue(connector.accepts("winrm://admin@hv1.example"), "claimed so that the refusal explains itself");
        assertFalse(connector.accepts("vbox://admin@hv1.example"));
        assertFalse(connector.accepts("/var/lib/vms"));
    }

    @Test
    void plainHttpIsRefusedBecauseBasicWouldSendThePasswordUnencrypted() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.connect(
                Endpoint.of("winrm://admin@hv1.example"), new Credentials("admin", "secret-pw".toCharArray())));
        assertTrue(e.getMessage().contains("hv1.example:5985") && e.getMessage().contains("unencrypted")
                && e.getMessage().contains("winrm+https://"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pw"));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.connect(
                Endpoint.of("winrm+https://admin:secret-pw@hv1.example"), Credentials.none()));
        assertTrue(e.getMessage().contains("contains a password"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pw"));
    }

    @Test
    void settingsHyperVChangesOnARunningVmAreTheStopActionAndIntegrationServices() {
        assertEquals(ChangeSupport.WHILE_RUNNING, connector.support(new ConfigChange.SetAutomaticStopAction(PowerOffBehaviour.SOFT)));
        assertEquals(ChangeSupport.WHILE_RUNNING, connector.support(new ConfigChange.SetIntegrationService("Shutdown", true)));
    }

    @Test
    void processorMemoryFirmwareAndVersionChangesNeedTheVmOff() {
        for (ConfigChange c : List.of(new ConfigChange.SetVcpus(2), new ConfigChange.SetMemory(2048),
                ConfigChange.SetDynamicMemory.off(), new ConfigChange.SetNestedVirtualization(true),
                new ConfigChange.SetSecureBootTemplate("MicrosoftUEFICertificateAuthority"),
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.hyperv(10, 0)))) {
            assertEquals(ChangeSupport.POWERED_OFF_ONLY, connector.support(c), c.describe());
        }
    }

    @Test
    void usbHotAddAdvancedSettingsAndOtherHypervisorsVersionsAreUnsupported() {
        for (ConfigChange c : List.of(new ConfigChange.AddUsbController(UsbControllerType.XHCI),
                new ConfigChange.RemoveUsbController("c1", UsbControllerType.EHCI),
                new ConfigChange.RemoveUsbDevice("d1", "stick"), new ConfigChange.RemoveUsbFilter("f1", "any"),
                new ConfigChange.SetAutoConnect("c1", false), new ConfigChange.SetCpuHotAdd(true),
                new ConfigChange.SetMemoryHotAdd(true), new ConfigChange.SetAdvancedSetting("usb.present", "FALSE"),
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(19)))) {
            assertEquals(ChangeSupport.UNSUPPORTED, connector.support(c), c.describe());
        }
    }
}
