package org.hvdiag.hyperv;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.OptionType;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.hyperv.internal.HypervSession;
import org.hvdiag.hyperv.internal.HypervUrl;

/**
 * Hyper-V hosts over WinRM, as Windows Admin Center and Ansible reach them: {@code
 * winrm+https://user@host[:5986]}, TLS verified by this machine's authorities or pinned by thumbprint.
 * Every read and every change is one PowerShell script in one WinRM shell command (see
 * docs/hyperv-script-protocol.md). {@code winrm://} (plain HTTP) is recognised only to be refused with
 * the reason: Basic would send the password unencrypted, and hvdiag does not seal NTLM messages.
 */
@Component(service = Connector.class)
public final class HypervConnector implements Connector {

    /**
     * How hvdiag logs on. NTLM by default: a Windows host ships with WinRM's Basic authentication off
     * (winrm/config/service/auth Basic=false) and Negotiate on, and with NTLM the password never leaves
     * this machine. Basic for hosts where an admin turned it on (often for local accounts from Linux tools).
     */
    public static final ConnectorOption AUTH = new ConnectorOption("auth", OptionType.TEXT, false,
            "WinRM authentication: ntlm (default; domain or local accounts) or basic (only if enabled on the host).");

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("hyperv", HypervisorKind.HYPERV,
            "Hyper-V hosts over WinRM (HTTPS listener, NTLM or Basic authentication; PowerShell's Hyper-V module on the host)",
            List.of(new TargetForm.Url(HypervUrl.TLS, "winrm+https://user@host[:" + HypervUrl.DEFAULT_PORT + "]")),
            true, List.of(ConnectorOption.THUMBPRINT, AUTH));

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Also winrm://, so that an admin who types it learns why it is refused instead of "no connector". */
    @Override
    public boolean accepts(String target) {
        return DESCRIPTOR.accepts(target) || (target != null && target.startsWith(HypervUrl.PLAIN + "://"));
    }

    @Override
    public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        HypervUrl url = HypervUrl.parse(endpoint.target());
        return HypervSession.open(url, credentials, endpoint.option(ConnectorOption.THUMBPRINT).orElse(""),
                endpoint.option(AUTH).orElse(HypervSession.NTLM));
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        return change.accept(Support.INSTANCE);
    }

    /**
     * What needs the VM off follows Hyper-V's cmdlets: Set-VM -AutomaticStopAction and
     * Enable/Disable-VMIntegrationService work on a running VM; Set-VMProcessor, Set-VMMemory,
     * Set-VMFirmware and Update-VMVersion need it off. Hyper-V has no USB passthrough (USB reaches a
     * guest only through Enhanced Session Mode or DDA), no memory hot-add switch and no key/value
     * settings, so those changes have nothing to map to.
     */
    private enum Support implements ConfigChange.Visitor<ChangeSupport> {
        INSTANCE;

        private static final ChangeSupport OFF = ChangeSupport.POWERED_OFF_ONLY;
        private static final ChangeSupport RUNNING = ChangeSupport.WHILE_RUNNING;
        private static final ChangeSupport NO = ChangeSupport.UNSUPPORTED;

        @Override public ChangeSupport setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) { return RUNNING; }
        @Override public ChangeSupport setIntegrationService(ConfigChange.SetIntegrationService c) { return RUNNING; }
        @Override public ChangeSupport setVcpus(ConfigChange.SetVcpus c) { return OFF; }
        @Override public ChangeSupport setMemory(ConfigChange.SetMemory c) { return OFF; }
        @Override public ChangeSupport setDynamicMemory(ConfigChange.SetDynamicMemory c) { return OFF; }
        @Override public ChangeSupport setNestedVirtualization(ConfigChange.SetNestedVirtualization c) { return OFF; }
        @Override public ChangeSupport setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) { return OFF; }

        @Override
        public ChangeSupport upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) {
            return c.to().family() == HardwareVersion.Family.HYPERV ? OFF : NO;
        }

        @Override public ChangeSupport addUsbController(ConfigChange.AddUsbController c) { return NO; }
        @Override public ChangeSupport removeUsbController(ConfigChange.RemoveUsbController c) { return NO; }
        @Override public ChangeSupport removeUsbDevice(ConfigChange.RemoveUsbDevice c) { return NO; }
        @Override public ChangeSupport removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return NO; }
        @Override public ChangeSupport setAutoConnect(ConfigChange.SetAutoConnect c) { return NO; }
        @Override public ChangeSupport setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return NO; }
        @Override public ChangeSupport setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return NO; }
        @Override public ChangeSupport setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return NO; }
    }
}
