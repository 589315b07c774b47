package org.hvdiag.esxi;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.vmware.VmwareChangeSupport;
import org.hvdiag.esxi.internal.VsphereSession;
import org.hvdiag.esxi.internal.VsphereUrl;

/**
 * VMware ESXi hosts and vCenter servers through the vSphere Web Services API:
 * {@code vsphere://user@host[:port]}. The thumbprint option (SHA-256, as {@link CertificateNotTrusted}
 * shows it) trusts a certificate this machine does not.
 */
@Component(service = Connector.class)
public final class VsphereConnector implements Connector {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("vsphere", HypervisorKind.VSPHERE,
            "VMware ESXi hosts and vCenter servers over the vSphere Web Services API (HTTPS)",
            List.of(new TargetForm.Url("vsphere", "vsphere://user@host[:port]")),
            true, List.of(ConnectorOption.THUMBPRINT));

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        VsphereUrl url = VsphereUrl.parse(endpoint.target());
        // The endpoint checks the thumbprint and writes it as AA:BB:...; a malformed one fails naming the option.
        return VsphereSession.open(url, credentials, endpoint.option(ConnectorOption.THUMBPRINT).orElse(""));
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        return change.accept(Support.INSTANCE);
    }

    /**
     * What needs the VM off follows vSphere: USB controllers, CPU/memory hot-add flags, vCPUs, memory
     * and the hardware version change only on a powered-off VM; USB devices, autoconnect, tools
     * policy, power-off type and advanced settings change on a running VM too.
     */
    private enum Support implements ConfigChange.Visitor<ChangeSupport> {
        INSTANCE;

        private static final ChangeSupport OFF = ChangeSupport.POWERED_OFF_ONLY;
        private static final ChangeSupport RUNNING = ChangeSupport.WHILE_RUNNING;

        @Override public ChangeSupport addUsbController(ConfigChange.AddUsbController c) { return VmwareChangeSupport.controller(c); }
        @Override public ChangeSupport removeUsbController(ConfigChange.RemoveUsbController c) { return VmwareChangeSupport.controller(c); }
        @Override public ChangeSupport upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) { return VmwareChangeSupport.upgrade(c); }

        @Override public ChangeSupport setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return OFF; }
        @Override public ChangeSupport setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return OFF; }
        @Override public ChangeSupport setVcpus(ConfigChange.SetVcpus c) { return OFF; }
        @Override public ChangeSupport setMemory(ConfigChange.SetMemory c) { return OFF; }
        @Override public ChangeSupport removeUsbDevice(ConfigChange.RemoveUsbDevice c) { return RUNNING; }
        @Override public ChangeSupport removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return RUNNING; }
        @Override public ChangeSupport setAutoConnect(ConfigChange.SetAutoConnect c) { return RUNNING; }
        @Override public ChangeSupport setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return RUNNING; }
        // Hyper-V's own settings: vSphere has none of them.
        @Override public ChangeSupport setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setDynamicMemory(ConfigChange.SetDynamicMemory c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setNestedVirtualization(ConfigChange.SetNestedVirtualization c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setIntegrationService(ConfigChange.SetIntegrationService c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) { return ChangeSupport.UNSUPPORTED; }
    }
}
