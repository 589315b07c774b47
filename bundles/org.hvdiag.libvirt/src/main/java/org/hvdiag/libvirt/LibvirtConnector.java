package org.hvdiag.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import org.hvdiag.core.libvirt.LibvirtIds;
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
import org.hvdiag.libvirt.internal.DomainFileSession;
import org.hvdiag.libvirt.internal.DomainFolder;
import org.hvdiag.libvirt.internal.LibvirtHostFacts;
import org.hvdiag.libvirt.internal.LibvirtSession;
import org.hvdiag.libvirt.internal.QemuLogFolder;

/**
 * libvirt/KVM domains: through a libvirt connection URI (audit, fix, undo), or offline from a domain
 * XML file (virsh dumpxml output, /etc/libvirt/qemu/NAME.xml) or a folder of them (audit only).
 */
@Component(service = Connector.class)
public final class LibvirtConnector implements Connector {

    /**
     * libvirt's own URI schemes for QEMU/KVM and its test driver. No account is asked for: libvirt
     * authenticates with the socket's permissions, ssh keys or TLS client certificates; an account
     * given anyway (HVDIAG_USER/HVDIAG_PASSWORD) answers a SASL prompt.
     */
    private static final List<TargetForm> URIS = List.of(
            new TargetForm.Url("qemu", "qemu:///system or qemu:///session"),
            new TargetForm.Url("qemu+ssh", "qemu+ssh://admin@kvm1.example.com/system"),
            new TargetForm.Url("qemu+tls", "qemu+tls://kvm1.example.com/system"),
            new TargetForm.Url("qemu+unix", "qemu+unix:///session?socket=/run/user/1000/libvirt/libvirt-sock"),
            new TargetForm.Url("qemu+tcp", "qemu+tcp://kvm1.example.com/system"),
            new TargetForm.Url("test", "test:///default"));

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor("libvirt", HypervisorKind.LIBVIRT,
            "libvirt/KVM through a libvirt URI, or domain XML files (virsh dumpxml output, /etc/libvirt/qemu) offline (audit only)",
            java.util.stream.Stream.concat(URIS.stream(),
                    java.util.stream.Stream.of(new TargetForm.Files(".xml", "a domain XML file or a folder of them"))).toList(),
            false, java.util.stream.Stream.concat(LibvirtHostFacts.OPTIONS.stream(),
                    java.util.stream.Stream.of(QemuLogFolder.OPTION)).toList());

    /** Other connectors' VM files: a folder with them is theirs, even with libvirt XML beside them. */
    private static final List<TargetForm> OTHERS = List.of(new TargetForm.Files(".vmx", ""), new TargetForm.Files(".vbox", ""));

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Any folder may hold some .xml file, and the installed connectors are asked in no fixed order:
     * a folder is claimed only when it holds a file whose root is {@code <domain>} and no .vmx or
     * .vbox files (libvirt's vmx2xml tests and converted VMs keep domain XML beside the VMware files,
     * which are the VMs there). A file is claimed when it is a domain, or any .xml named directly,
     * so that a non-domain XML gets an error saying what was expected rather than "no connector".
     */
    @Override
    public boolean accepts(String target) {
        if (!DESCRIPTOR.accepts(target)) {
            return false;
        }
        if (URIS.stream().anyMatch(f -> f.matches(target))) {
            return true;
        }
        Path p = Path.of(target);
        if (Files.isRegularFile(p)) {
            return true;
        }
        return OTHERS.stream().noneMatch(f -> f.matches(target)) && DomainFolder.holdsDomain(p);
    }

    @Override
    public Session connect(Endpoint endpoint, Credentials credentials) throws ConnectorException {
        if (URIS.stream().anyMatch(f -> f.matches(endpoint.target()))) {
            return LibvirtSession.open(endpoint, credentials);
        }
        return DomainFileSession.open(Path.of(endpoint.target()), endpoint);
    }

    @Override
    public ChangeSupport support(ConfigChange change) {
        return change.accept(Support.INSTANCE);
    }

    /**
     * What the libvirt connection changes and when: the definition (controllers, redirection filter,
     * machine type, vCPUs, memory, a host device's startup policy) only with the domain shut off,
     * since libvirt cannot change those in a running guest; USB devices also while it runs.
     */
    private enum Support implements ConfigChange.Visitor<ChangeSupport> {
        INSTANCE;

        @Override public ChangeSupport addUsbController(ConfigChange.AddUsbController c){ return ChangeSupport.POWERED_OFF_ONLY; }
        @Override public ChangeSupport removeUsbController(ConfigChange.RemoveUsbController c){ return ChangeSupport.POWERED_OFF_ONLY; }
        @Override public ChangeSupport removeUsbFilter(ConfigChange.RemoveUsbFilter c){ return ChangeSupport.POWERED_OFF_ONLY; }
        @Override public ChangeSupport setAutoConnect(ConfigChange.SetAutoConnect c){ return ChangeSupport.WHILE_RUNNING; }
        @Override public ChangeSupport setCpuHotAdd(ConfigChange.SetCpuHotAdd c){ return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setVcpus(ConfigChange.SetVcpus c){ return ChangeSupport.POWERED_OFF_ONLY; }
        @Override public ChangeSupport setMemory(ConfigChange.SetMemory c){ return ChangeSupport.POWERED_OFF_ONLY; }
        @Override public ChangeSupport removeUsbDevice(ConfigChange.RemoveUsbDevice c){ return ChangeSupport.WHILE_RUNNING; }
        @Override public ChangeSupport upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c){ return ChangeSupport.POWERED_OFF_ONLY; }
        @Override public ChangeSupport setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c){ return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setAdvancedSetting(ConfigChange.SetAdvancedSetting c){
            return LibvirtIds.deviceOfStartupPolicy(c.key()) != null ? ChangeSupport.POWERED_OFF_ONLY
                    : ChangeSupport.UNSUPPORTED;
        }
        @Override public ChangeSupport setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c){ return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setDynamicMemory(ConfigChange.SetDynamicMemory c){ return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setNestedVirtualization(ConfigChange.SetNestedVirtualization c){ return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setIntegrationService(ConfigChange.SetIntegrationService c){ return ChangeSupport.UNSUPPORTED; }
        @Override public ChangeSupport setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c){ return ChangeSupport.UNSUPPORTED; }
    }
}
