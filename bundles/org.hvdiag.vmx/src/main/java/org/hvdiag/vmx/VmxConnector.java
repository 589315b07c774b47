package org.hvdiag.vmx;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.vmware.VmwareChangeSupport;
import org.hvdiag.vmx.internal.DefaultVmFolder;
import org.hvdiag.vmx.internal.HostFacts;
import org.hvdiag.vmx.internal.VmxSession;

/**
 * VMware Workstation and Fusion VMs as .vmx files: a single file or a folder searched at any depth.
 * Every change edits the file, which VMware reads only at power-on, so every change needs the VM off.
 * The host-* options describe the host the VMs run on when that is not this machine.
 */
@Component(service = Connector.class)
public final class VmxConnector implements Connector {

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("vmx", HypervisorKind.VMWARE_WORKSTATION,
            "VMware Workstation, Fusion and ESXi VM files (.vmx), read and fixed on disk",
            List.of(new TargetForm.Files(".vmx", "a folder of VMs or a .vmx file, e.g. ~/vmware")),
            false, List.of(HostFacts.CORES, HostFacts.THREADS, HostFacts.MEMORY, HostFacts.NEWEST_HARDWARE));

    /** Where Workstation (Linux, Windows) or Fusion (macOS) keeps VMs for the user running hvdiag. */
    public static Path defaultFolder() {
        return DefaultVmFolder.forThisMachine();
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Optional<String> defaultTarget() {
        return Optional.of(defaultFolder().toString());
    }

    /** A blank target means {@link #defaultFolder()}. Credentials are not needed: files are read as the user. */
    @Override
    public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        String target = endpoint.target().isBlank() ? defaultFolder().toString() : endpoint.target();
        Path root;
        try {
            root = Path.of(target);
        } catch (InvalidPathException e) {
            throw new ConnectorException("not a file or folder path: " + target);
        }
        return new VmxSession(target, root, HostFacts.overrides(endpoint));
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        return change.accept(Support.INSTANCE);
    }

    /** VMware reads the file only at power-on: every change it can express needs the VM off. */
    private enum Support implements ConfigChange.Visitor<ChangeSupport> {
        INSTANCE;

        private static final ChangeSupport OFF = ChangeSupport.POWERED_OFF_ONLY;

        @Override public ChangeSupport addUsbController(ConfigChange.AddUsbController c) { return VmwareChangeSupport.controller(c); }
        @Override public ChangeSupport removeUsbController(ConfigChange.RemoveUsbController c) { return VmwareChangeSupport.controller(c); }
        @Override public ChangeSupport upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) { return VmwareChangeSupport.upgrade(c); }

        @Override public ChangeSupport removeUsbDevice(ConfigChange.RemoveUsbDevice c) { return OFF; }
        @Override public ChangeSupport removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return OFF; }
        @Override public ChangeSupport setAutoConnect(ConfigChange.SetAutoConnect c) { return OFF; }
        @Override public ChangeSupport setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return OFF; }
        @Override public ChangeSupport setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return OFF; }
        @Override public ChangeSupport setVcpus(ConfigChange.SetVcpus c) { return OFF; }
        @Override public ChangeSupport setMemory(ConfigChange.SetMemory c) { return OFF; }
        @Override public ChangeSupport setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return OFF; }
        // Hyper-V's own settings: a .vmx has nothing to hold them.
        @Override public ChangeSupport setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setDynamicMemory(ConfigChange.SetDynamicMemory c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setNestedVirtualization(ConfigChange.SetNestedVirtualization c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setIntegrationService(ConfigChange.SetIntegrationService c) { return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) { return ChangeSupport.UNSUPPORTED; }
    }
}
