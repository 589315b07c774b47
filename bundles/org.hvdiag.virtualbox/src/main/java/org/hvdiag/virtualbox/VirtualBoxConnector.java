package org.hvdiag.virtualbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.virtualbox.internal.ExtensionPackList;
import org.hvdiag.virtualbox.internal.ShowVmInfo;
import org.hvdiag.virtualbox.internal.VBoxManageCommand;
import org.hvdiag.virtualbox.internal.VboxFileSession;
import org.hvdiag.virtualbox.internal.VboxHostFacts;
import org.hvdiag.virtualbox.internal.VboxLiveSession;
import org.hvdiag.virtualbox.internal.VboxUrl;

/**
 * VirtualBox hosts through the VirtualBox web service (vboxwebsrv, as phpVirtualBox and RemoteBox
 * use it): {@code vbox://user@host[:18083]}, or {@code vbox+https://} when vboxwebsrv runs with TLS
 * (verified, or pinned by thumbprint). A .vbox file, saved showvminfo output, or a folder of them is
 * audited offline; fixes go through the web service only, since VirtualBox rewrites its .vbox files
 * while it runs.
 */
@Component(service = Connector.class)
public final class VirtualBoxConnector implements Connector {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("virtualbox", HypervisorKind.VIRTUALBOX,
            "VirtualBox hosts over the VirtualBox web service (vboxwebsrv), or .vbox files and saved showvminfo output "
                    + "offline (audit only)",
            List.of(new TargetForm.Url(VboxUrl.PLAIN, "vbox://user@host[:18083]"),
                    new TargetForm.Url(VboxUrl.TLS, "vbox+https://user@host[:port]"),
                    new TargetForm.Files(".vbox", "a .vbox file or a folder of them"),
                    new TargetForm.Files(ShowVmInfo.EXTENSION,
                            "saved 'VBoxManage showvminfo VM --machinereadable' output (.showvminfo, or .txt)")),
            true, options());

    private static List<ConnectorOption> options() {
        List<ConnectorOption> all = new ArrayList<>();
        all.add(ConnectorOption.THUMBPRINT);
        all.addAll(VboxHostFacts.OPTIONS);
        return all;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Also a .txt file named on its own that holds showvminfo output: admins save it as
     * "vm.txt". A folder is claimed only through its .vbox or .showvminfo files, never for .txt
     * files alone, which any folder of notes has.
     */
    @Override
    public boolean accepts(String target) {
        return DESCRIPTOR.accepts(target) || ShowVmInfo.isSavedOutputFile(target);
    }

    @Override
    public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        String target = endpoint.target();
        if (!target.startsWith(VboxUrl.PLAIN + "://") && !target.startsWith(VboxUrl.TLS + "://")) {
            return VboxFileSession.open(Path.of(target), endpoint);
        }
        VboxUrl url = VboxUrl.parse(target);
        VboxHostFacts.Stated stated = VboxHostFacts.stated(endpoint);
        return VboxLiveSession.open(url, credentials, endpoint.option(ConnectorOption.THUMBPRINT).orElse(""),
                stated.extensionPacks().orElseGet(() -> localPacks(url)));
    }

    /**
     * The web service does not show extension packs; for a vboxwebsrv on this machine VBoxManage
     * does. Elsewhere they stay unknown (null) unless the admin states them.
     */
    private static List<String> localPacks(VboxUrl url) {
        String host = url.server().host();
        boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]");
        return local ? VBoxManageCommand.onPath().run("list", "extpacks").map(ExtensionPackList::parse).orElse(null) : null;
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        return change.accept(Support.INSTANCE);
    }

    /**
     * What needs the VM off follows VirtualBox: USB controllers, CPU count, CPU hot-plug and memory
     * change only on a powered-off VM (VBOX_E_INVALID_VM_STATE otherwise); device filters change on a
     * running VM too. VirtualBox emulates OHCI, EHCI and xHCI, has no hardware version to upgrade, no
     * memory hot-add and no USB devices outside its filters.
     */
    private enum Support implements ConfigChange.Visitor<ChangeSupport> {
        INSTANCE;

        private static final ChangeSupport OFF = ChangeSupport.POWERED_OFF_ONLY;
        private static final ChangeSupport RUNNING = ChangeSupport.WHILE_RUNNING;
        private static final ChangeSupport NO = ChangeSupport.UNSUPPORTED;

        @Override public ChangeSupport addUsbController(ConfigChange.AddUsbController c) { return controller(c.type()); }
        @Override public ChangeSupport removeUsbController(ConfigChange.RemoveUsbController c) { return controller(c.type()); }
        @Override public ChangeSupport removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return RUNNING; }
        @Override public ChangeSupport setAutoConnect(ConfigChange.SetAutoConnect c) { return RUNNING; }
        @Override public ChangeSupport setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return OFF; }
        @Override public ChangeSupport setVcpus(ConfigChange.SetVcpus c) { return OFF; }
        @Override public ChangeSupport setMemory(ConfigChange.SetMemory c) { return OFF; }
        @Override public ChangeSupport removeUsbDevice(ConfigChange.RemoveUsbDevice c) { return NO; }
        @Override public ChangeSupport upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) { return NO; }
        @Override public ChangeSupport setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return NO; }
        @Override public ChangeSupport setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return NO; }
        // Hyper-V's own settings: VirtualBox has none of them.
        @Override public ChangeSupport setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) { return NO; }
        @Override public ChangeSupport setDynamicMemory(ConfigChange.SetDynamicMemory c) { return NO; }
        @Override public ChangeSupport setNestedVirtualization(ConfigChange.SetNestedVirtualization c) { return NO; }
        @Override public ChangeSupport setIntegrationService(ConfigChange.SetIntegrationService c) { return NO; }
        @Override public ChangeSupport setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) { return NO; }

        private static ChangeSupport controller(UsbControllerType type) {
            return type == UsbControllerType.UHCI ? NO : OFF;
        }
    }
}
