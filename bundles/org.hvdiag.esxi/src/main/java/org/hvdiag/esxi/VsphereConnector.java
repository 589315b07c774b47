package org.hvdiag.esxi;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.esxi.internal.VsphereSession;
import org.hvdiag.esxi.internal.VsphereUrl;

/**
 * VMware ESXi hosts and vCenter servers through the vSphere Web Services API:
 * {@code vsphere://user@host[:port]}. The endpoint option "thumbprint" (SHA-256, as
 * {@link CertificateNotTrusted} shows it) trusts a certificate this machine does not.
 * <p>
 * What needs the VM off follows vSphere: USB controllers, CPU/memory hot-add flags and the hardware
 * version change only on a powered-off VM; USB devices, autoconnect, tools policy, power-off type and
 * advanced settings change on a running VM too.
 */
@Component(service = Connector.class)
public final class VsphereConnector implements Connector {

    public static final String THUMBPRINT_OPTION = "thumbprint";

    @Override
    public String id() {
        return "vsphere";
    }

    @Override
    public HypervisorKind hypervisor() {
        return HypervisorKind.VSPHERE;
    }

    @Override
    public boolean accepts(String target) {
        return target != null && target.startsWith(VsphereUrl.SCHEME);
    }

    @Override
    public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        VsphereUrl url = VsphereUrl.parse(endpoint.target());
        return VsphereSession.open(url, credentials, endpoint.option(THUMBPRINT_OPTION, ""));
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        if (change instanceof ConfigChange.AddUsbController) {
            return ((ConfigChange.AddUsbController) change).type() == UsbControllerType.OHCI
                    ? ChangeSupport.UNSUPPORTED : ChangeSupport.POWERED_OFF_ONLY;
        }
        if (change instanceof ConfigChange.RemoveUsbController) {
            return ((ConfigChange.RemoveUsbController) change).type() == UsbControllerType.OHCI
                    ? ChangeSupport.UNSUPPORTED : ChangeSupport.POWERED_OFF_ONLY;
        }
        if (change instanceof ConfigChange.UpgradeHardwareVersion) {
            return ((ConfigChange.UpgradeHardwareVersion) change).to().family() == HardwareVersion.Family.VMX
                    ? ChangeSupport.POWERED_OFF_ONLY : ChangeSupport.UNSUPPORTED;
        }
        if (change instanceof ConfigChange.SetCpuHotAdd || change instanceof ConfigChange.SetMemoryHotAdd
                || change instanceof ConfigChange.SetVcpus || change instanceof ConfigChange.SetMemory) {
            return ChangeSupport.POWERED_OFF_ONLY;
        }
        return ChangeSupport.WHILE_RUNNING;
    }
}
