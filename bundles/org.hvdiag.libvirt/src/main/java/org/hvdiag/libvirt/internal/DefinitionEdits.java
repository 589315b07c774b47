package org.hvdiag.libvirt.internal;

import java.util.List;

import org.w3c.dom.Element;

import org.hvdiag.core.libvirt.LibvirtIds;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.UsbControllerType;

/**
 * Makes changes in a domain's definition, which hvdiag then hands back to libvirt whole
 * (virDomainDefineXML): how a shut-off domain is changed, and the only way for controllers, the
 * redirection filter and the machine type, which libvirt cannot change in a running guest.
 * A change this connector does not map fails here with the reason, before anything is sent.
 */
final class DefinitionEdits implements ConfigChange.Visitor<Void> {
    private final DomainDocument doc;
    private ConnectorException refused;

    private DefinitionEdits(DomainDocument doc) {
        this.doc = doc;
    }

    static void apply(DomainDocument doc, List<ConfigChange> changes) throws ConnectorException {
        DefinitionEdits edits = new DefinitionEdits(doc);
        for (ConfigChange c : changes) {
            c.accept(edits);
            if (edits.refused != null) {
                throw edits.refused;
            }
        }
    }

    private Void refuse(String why) {
        refused = new ConnectorException(why);
        return null;
    }

    private interface Edit {
        void run() throws ConnectorException;
    }

    private Void edit(Edit e) {
        try {
            e.run();
        } catch (ConnectorException x) {
            refused = x;
        }
        return null;
    }

    /** libvirt's model for each controller type: the ones QEMU's q35 and i440fx machines take. */
    static String model(UsbControllerType type) {
        return switch (type) {
            case XHCI -> "qemu-xhci";
            case EHCI -> "ich9-ehci1";
            case UHCI -> "piix3-uhci";
            case OHCI -> "pci-ohci";
        };
    }

    @Override
    public Void addUsbController(ConfigChange.AddUsbController c) {
        String model = model(c.type());
        int next = 0;
        Element last = null;
        for (Element e : doc.usbControllers()) {
            if (e.getAttribute("model").equals("none")) {
                e.getParentNode().removeChild(e); // "no USB at all" ends with the first controller
                continue;
            }
            next = Math.max(next, (e.getAttribute("index").isEmpty() ? 0 : Integer.parseInt(e.getAttribute("index"))) + 1);
            last = e;
        }
        Element added = doc.create("controller");
        added.setAttribute("type", "usb");
        added.setAttribute("index", Integer.toString(next));
        added.setAttribute("model", model);
        doc.devices().insertBefore(added, last == null ? null : last.getNextSibling());
        return null;
    }

    @Override
    public Void removeUsbController(ConfigChange.RemoveUsbController c) {
        return edit(() -> {
            Element e = doc.usbController(c.controllerId());
            e.getParentNode().removeChild(e);
        });
    }

    @Override
    public Void removeUsbDevice(ConfigChange.RemoveUsbDevice c) {
        return edit(() -> {
            Element e = doc.requireUsbDevice(c.deviceId());
            if (e.getParentNode() != null) {
                e.getParentNode().removeChild(e);
            }
        });
    }

    @Override
    public Void removeUsbFilter(ConfigChange.RemoveUsbFilter c) {
        List<Element> rules = doc.redirRules();
        int n = LibvirtIds.ordinal(c.filterId(), LibvirtIds.REDIRFILTER_RULE);
        if (n < 0 || n >= rules.size()) {
            return refuse("the domain has no redirection filter rule " + c.filterId() + " (it changed since the audit: audit again)");
        }
        Element rule = rules.get(n);
        if (rule.getParentNode() == null) {
            return null; // removed by an earlier change of the same plan
        }
        Element filter = (Element) rule.getParentNode();
        filter.removeChild(rule);
        if (DomainDocument.children(filter, "usbdev").isEmpty()) {
            filter.getParentNode().removeChild(filter);
        }
        return null;
    }

    @Override
    public Void setAutoConnect(ConfigChange.SetAutoConnect c) {
        return refuse("a shut-off domain attaches every device of its definition when it starts: libvirt has no "
                + "\"connected, but not at start\" for it; remove the device, or fix while the domain runs");
    }

    @Override
    public Void upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) {
        HardwareVersion to = c.to();
        if (to.family() != HardwareVersion.Family.LIBVIRT_MACHINE) {
            return refuse("a libvirt domain's hardware version is its machine type, not " + to);
        }
        Element os = DomainDocument.child(doc.root(), "os");
        Element type = os == null ? null : DomainDocument.child(os, "type");
        String machine = type == null ? "" : type.getAttribute("machine");
        String chipset = MachineType.isQ35(machine) ? "pc-q35-" : MachineType.isI440fx(machine) ? "pc-i440fx-" : null;
        if (chipset == null) {
            return refuse("machine type '" + machine + "' is neither q35 nor i440fx: hvdiag upgrades only those");
        }
        type.setAttribute("machine", chipset + to.major() + "." + to.minor());
        return null;
    }

    @Override
    public Void setCpuHotAdd(ConfigChange.SetCpuHotAdd c) {
        return refuse("CPU hot-add on libvirt is the gap between current and maximum vCPUs; set the vCPUs instead");
    }

    @Override
    public Void setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) {
        return refuse("memory hot-add on libvirt needs maxMemory slots and a NUMA topology; hvdiag does not set them");
    }

    /** Fewer than the maximum keeps the rest hot-pluggable; more raises the maximum to that count. */
    @Override
    public Void setVcpus(ConfigChange.SetVcpus c) {
        Element vcpu = DomainDocument.child(doc.root(), "vcpu");
        if (vcpu == null) {
            vcpu = doc.create("vcpu");
            doc.root().appendChild(vcpu);
            vcpu.setTextContent("1");
        }
        int max = Integer.parseInt(vcpu.getTextContent().strip());
        if (c.count() < max) {
            vcpu.setAttribute("current", Integer.toString(c.count()));
        } else {
            vcpu.setTextContent(Integer.toString(c.count()));
            vcpu.removeAttribute("current");
        }
        return null;
    }

    @Override
    public Void setMemory(ConfigChange.SetMemory c) {
        String kib = Long.toString(c.mebibytes() * 1024);
        for (String name : List.of("memory", "currentMemory")) {
            Element e = DomainDocument.child(doc.root(), name);
            if (e == null) {
                e = doc.create(name);
                doc.root().appendChild(e);
            }
            e.setAttribute("unit", "KiB");
            e.setTextContent(kib);
        }
        return null;
    }

    @Override
    public Void setAdvancedSetting(ConfigChange.SetAdvancedSetting c) {
        String id = LibvirtIds.deviceOfStartupPolicy(c.key());
        if (id == null) {
            return refuse("libvirt has no free-form settings: hvdiag sets only hostdev[N]@startupPolicy, not " + c.key());
        }
        if (c.value() != null && !List.of("mandatory", "requisite", "optional").contains(c.value())) {
            return refuse("startupPolicy '" + c.value() + "' is not libvirt's: mandatory, requisite or optional");
        }
        return edit(() -> {
            Element source = DomainDocument.child(doc.requireUsbDevice(id), "source");
            if (source == null) {
                throw new ConnectorException(id + " has no <source> to set its startupPolicy on");
            }
            if (c.value() == null) {
                source.removeAttribute("startupPolicy");
            } else {
                source.setAttribute("startupPolicy", c.value());
            }
        });
    }

    @Override
    public Void setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) {
        return refuse("the automatic stop action is Hyper-V's; libvirt-guests.service decides it for libvirt hosts");
    }

    @Override
    public Void setDynamicMemory(ConfigChange.SetDynamicMemory c) {
        return refuse("dynamic memory is Hyper-V's; libvirt balloons memory between currentMemory and memory");
    }

    @Override
    public Void setNestedVirtualization(ConfigChange.SetNestedVirtualization c) {
        return refuse("hvdiag does not change a libvirt domain's CPU model");
    }

    @Override
    public Void setIntegrationService(ConfigChange.SetIntegrationService c) {
        return refuse("integration services are Hyper-V's");
    }

    @Override
    public Void setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) {
        return refuse("Secure Boot templates are Hyper-V's");
    }
}
