package org.hvdiag.vmx;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

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
import org.hvdiag.vmx.internal.DefaultVmFolder;
import org.hvdiag.vmx.internal.HostFacts;
import org.hvdiag.vmx.internal.VmxSession;

/**
 * VMware Workstation and Fusion VMs as .vmx files: a single file or a folder searched at any depth.
 * Every change edits the file, which VMware reads only at power-on, so every change needs the VM off.
 * Endpoint options host.cores, host.threads, host.memoryMiB and host.newestHardwareVersion describe
 * the host the VMs run on when that is not this machine.
 */
@Component(service = Connector.class)
public final class VmxConnector implements Connector {

    /** Where Workstation (Linux, Windows) or Fusion (macOS) keeps VMs for the user running hvdiag. */
    public static Path defaultFolder() {
        return DefaultVmFolder.forThisMachine();
    }

    @Override
    public String id() {
        return "vmx";
    }

    @Override
    public HypervisorKind hypervisor() {
        return HypervisorKind.VMWARE_WORKSTATION;
    }

    @Override
    public boolean accepts(String target) {
        if (target == null || target.isBlank() || target.contains("://")) {
            return false;
        }
        try {
            Path p = Path.of(target);
            return Files.isDirectory(p) || (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".vmx"));
        } catch (InvalidPathException e) {
            return false;
        }
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
        return new VmxSession(target, root, HostFacts.overrides(endpoint.options()));
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        // VMware emulates UHCI, EHCI and xHCI; OHCI is VirtualBox's and QEMU's.
        if (change instanceof ConfigChange.AddUsbController
                && ((ConfigChange.AddUsbController) change).type() == UsbControllerType.OHCI) {
            return ChangeSupport.UNSUPPORTED;
        }
        if (change instanceof ConfigChange.RemoveUsbController
                && ((ConfigChange.RemoveUsbController) change).type() == UsbControllerType.OHCI) {
            return ChangeSupport.UNSUPPORTED;
        }
        if (change instanceof ConfigChange.UpgradeHardwareVersion
                && ((ConfigChange.UpgradeHardwareVersion) change).to().family() != HardwareVersion.Family.VMX) {
            return ChangeSupport.UNSUPPORTED;
        }
        return ChangeSupport.POWERED_OFF_ONLY;
    }
}
