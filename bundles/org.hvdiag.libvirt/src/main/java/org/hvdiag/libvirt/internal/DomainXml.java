package org.hvdiag.libvirt.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.libvirt.LibvirtIds;
import org.hvdiag.core.connector.UnreadableFile;

/**
 * One libvirt domain XML (virsh dumpxml output, or /etc/libvirt/qemu/NAME.xml) read into
 * {@link DomainFacts}. It checks what it needs to read (the root, a name, numbers and units, yes/no
 * values) and reports anything else at its line; it does not repeat libvirt's own validation of
 * device addresses and port ranges, so some files libvirt refuses to define read fine here.
 * <p>
 * A USB controller element without a model gets the machine type's default, as libvirt gives it:
 * piix3-uhci on i440fx machines ("pc", "pc-i440fx-X.Y", "pc-X.Y"), ich9-ehci1 with its three
 * ich9-uhci companions on q35 (what libvirt chose for q35 before it preferred qemu-xhci when the
 * host's QEMU has it; offline, the host's QEMU is not known). On other machines the default is not
 * known offline and the controller is kept without a model.
 */
public final class DomainXml {

    private DomainXml() {
    }

    public static DomainFacts read(Path file) throws UnreadableFile {
        XmlElement root = XmlFile.read(file);
        return new Reading(file.toString(), root).facts();
    }

    /**
     * Domain XML as libvirt returned it; {@code name} says where from in errors ("qemu:///session
     * domain web1"). The domain's id is its UUID, which libvirt always writes.
     */
    public static DomainFacts read(String name, String xml) throws UnreadableFile {
        return new Reading(name, XmlFile.parse(name, xml)).facts();
    }

    /** Whether the file's root element is {@code <domain>}; a file that is not XML at all is not. */
    public static boolean isDomainFile(Path file) {
        try {
            return XmlFile.rootName(file).equals("domain");
        } catch (UnreadableFile e) {
            return false;
        }
    }

    /** Reads one parsed file; fails at the first value it cannot take, naming its line. */
    private static final class Reading {
        private final String file;
        private final XmlElement root;

        Reading(String file, XmlElement root) {
            this.file = file;
            this.root = root;
        }

        DomainFacts facts() throws UnreadableFile {
            if (!root.name.equals("domain")) {
                throw new UnreadableFile(file, root.line, "the root element is <" + root.name
                        + ">, expected <domain> (a libvirt domain XML)");
            }
            XmlElement nameEl = root.child("name");
            if (nameEl == null || nameEl.text().isEmpty()) {
                throw new UnreadableFile(file, nameEl == null ? root.line : nameEl.line,
                        "the domain has no <name>, expected one (libvirt requires it)");
            }
            String uuid = text(root.child("uuid"));
            XmlElement os = root.child("os");
            XmlElement osType = os == null ? null : os.child("type");
            String machine = osType == null ? "" : osType.attr("machine");
            XmlElement vcpu = root.child("vcpu");
            int vcpuMax = vcpu == null ? -1 : integer(vcpu, vcpu.text(), "<vcpu>", "a count of virtual CPUs");
            int vcpuCurrent = vcpu == null || vcpu.attr("current").isEmpty() ? vcpuMax
                    : integer(vcpu, vcpu.attr("current"), "<vcpu current>", "a count of virtual CPUs");
            if (vcpuCurrent > vcpuMax) {
                throw new UnreadableFile(file, vcpu.line, "<vcpu current='" + vcpuCurrent + "'> is more than the maximum "
                        + vcpuMax + ", expected at most the maximum");
            }
            XmlElement maxMemory = root.child("maxMemory");
            XmlElement devices = root.child("devices");
            List<XmlElement> devs = devices == null ? List.of() : devices.children;
            return new DomainFacts(file, uuid.isEmpty() ? file : uuid, nameEl.text(), uuid, root.attr("type"),
                    !root.attr("id").isEmpty(), machine, osType == null ? "" : osType.attr("arch"), firmware(os),
                    vcpuMax, vcpuCurrent, bytes(root.child("memory")), bytes(root.child("currentMemory")), bytes(maxMemory),
                    maxMemory == null || maxMemory.attr("slots").isEmpty() ? -1
                            : integer(maxMemory, maxMemory.attr("slots"), "<maxMemory slots>", "a count of memory slots"),
                    text(root.child("on_poweroff")), text(root.child("on_reboot")), text(root.child("on_crash")),
                    controllers(devs, machine), hostDevices(devs), usbDisks(devs), redirections(devs), redirRules(devs),
                    count(devs, "input", "bus", "usb"), count(devs, "hub", "type", "usb"), guestAgent(devs), libosinfo());
        }

        /** os@firmware (libvirt 5.2 and later), else a loader: pflash or an OVMF/AAVMF path means EFI. */
        private static String firmware(XmlElement os) {
            if (os == null) {
                return "";
            }
            if (!os.attr("firmware").isEmpty()) {
                return os.attr("firmware");
            }
            XmlElement loader = os.child("loader");
            if (loader == null) {
                return "";
            }
            String path = loader.text().toLowerCase(java.util.Locale.ROOT);
            return loader.attr("type").equals("pflash") || path.contains("ovmf") || path.contains("aavmf")
                    || path.contains("edk2") ? "efi" : "bios";
        }

        private long bytes(XmlElement e) throws UnreadableFile {
            if (e == null) {
                return -1;
            }
            long per = MemoryUnit.bytesPer(e.attr("unit"));
            if (per < 0) {
                throw new UnreadableFile(file, e.line, "<" + e.name + " unit='" + e.attr("unit") + "'> is not a libvirt "
                        + "unit, expected b, KB, KiB, MB, MiB, GB, GiB, TB or TiB (or k, M, G, T)");
            }
            try {
                return Math.multiplyExact(Long.parseLong(e.text()), per);
            } catch (NumberFormatException | ArithmeticException x) {
                throw new UnreadableFile(file, e.line, "<" + e.name + ">" + e.text() + "</" + e.name
                        + "> is not a size, expected a whole number of " + (e.attr("unit").isEmpty() ? "KiB" : e.attr("unit")));
            }
        }

        private List<DomainFacts.Controller> controllers(List<XmlElement> devs, String machine) throws UnreadableFile {
            List<DomainFacts.Controller> found = new ArrayList<>();
            XmlElement none = null;
            XmlElement other = null;
            for (XmlElement c : devs) {
                if (c.name.equals("controller") && c.attr("type").equals("usb")) {
                    if (c.attr("model").equals("none")) {
                        none = none == null ? c : none;
                    } else {
                        other = other == null ? c : other;
                    }
                }
            }
            if (none != null && other != null) {
                // libvirt refuses this too: "none" means the domain has no USB at all.
                throw new UnreadableFile(file, other.line, "a USB controller here, but the one on line " + none.line
                        + " has model='none', which says the domain has no USB: expected one or the other");
            }
            for (XmlElement c : devs) {
                if (!c.name.equals("controller") || !c.attr("type").equals("usb")) {
                    continue;
                }
                int index = c.attr("index").isEmpty() ? 0 : integer(c, c.attr("index"), "<controller index>", "a number");
                int ports = c.attr("ports").isEmpty() ? -1 : integer(c, c.attr("ports"), "<controller ports>", "a port count");
                XmlElement master = c.child("master");
                int start = master == null || master.attr("startport").isEmpty() ? -1
                        : integer(master, master.attr("startport"), "<master startport>", "a port number");
                if (!c.attr("model").isEmpty()) {
                    found.add(new DomainFacts.Controller(c.attr("model"), false, index, ports, start));
                } else {
                    for (String model : MachineType.defaultUsbModels(machine)) {
                        found.add(new DomainFacts.Controller(model, true, index, ports, companionStart(model)));
                    }
                    if (MachineType.defaultUsbModels(machine).isEmpty()) {
                        found.add(new DomainFacts.Controller("", true, index, ports, start));
                    }
                }
            }
            return found;
        }

        /** ich9-uhciN take ports 0, 2 and 4 of their EHCI master, as libvirt numbers them. */
        private static int companionStart(String model) {
            return model.startsWith("ich9-uhci") ? 2 * (model.charAt(model.length() - 1) - '1') : -1;
        }

        private List<DomainFacts.HostDevice> hostDevices(List<XmlElement> devs) throws UnreadableFile {
            List<DomainFacts.HostDevice> found = new ArrayList<>();
            for (XmlElement h : devs) {
                if (!h.name.equals("hostdev") || !h.attr("mode").equals("subsystem") || !h.attr("type").equals("usb")) {
                    continue;
                }
                XmlElement source = h.child("source");
                if (source == null) {
                    throw new UnreadableFile(file, h.line, "<hostdev type='usb'> has no <source>, expected the host "
                            + "device's vendor and product or its bus and device address");
                }
                XmlElement address = source.child("address");
                XmlElement guest = h.child("address");
                int guestBus = guest == null || guest.attr("bus").isEmpty() ? -1
                        : integer(guest, guest.attr("bus"), "<address bus>", "a USB bus number");
                found.add(new DomainFacts.HostDevice(attrOf(source.child("vendor"), "id"), attrOf(source.child("product"), "id"),
                        attrOf(address, "bus"), attrOf(address, "device"), source.attr("startupPolicy"), guestBus));
            }
            return found;
        }

        private static List<DomainFacts.UsbDisk> usbDisks(List<XmlElement> devs) {
            List<DomainFacts.UsbDisk> found = new ArrayList<>();
            for (XmlElement d : devs) {
                XmlElement target = d.child("target");
                if (d.name.equals("disk") && target != null && target.attr("bus").equals("usb")) {
                    XmlElement source = d.child("source");
                    String from = source == null ? "" : !source.attr("file").isEmpty() ? source.attr("file")
                            : !source.attr("dev").isEmpty() ? source.attr("dev") : source.attr("name");
                    found.add(new DomainFacts.UsbDisk(target.attr("dev"), from));
                }
            }
            return found;
        }

        private static List<String> redirections(List<XmlElement> devs) {
            List<String> found = new ArrayList<>();
            for (XmlElement r : devs) {
                if (r.name.equals("redirdev") && r.attr("bus").equals("usb")) {
                    found.add(r.attr("type"));
                }
            }
            return found;
        }

        private List<DomainFacts.RedirRule> redirRules(List<XmlElement> devs) throws UnreadableFile {
            List<DomainFacts.RedirRule> found = new ArrayList<>();
            for (XmlElement f : devs) {
                if (!f.name.equals("redirfilter")) {
                    continue;
                }
                for (XmlElement u : f.all("usbdev")) {
                    String allow = u.attr("allow");
                    if (!allow.equals("yes") && !allow.equals("no")) {
                        throw new UnreadableFile(file, u.line, "<usbdev allow='" + allow + "'>, expected allow='yes' or "
                                + "allow='no' (libvirt requires it)");
                    }
                    found.add(new DomainFacts.RedirRule(u.attr("class"), u.attr("vendor"), u.attr("product"), u.attr("version"),
                            allow.equals("yes")));
                }
            }
            return found;
        }

        private static boolean guestAgent(List<XmlElement> devs) {
            for (XmlElement c : devs) {
                XmlElement target = c.child("target");
                if (c.name.equals("channel") && target != null && target.attr("name").equals(LibvirtIds.GUEST_AGENT)) {
                    return true;
                }
            }
            return false;
        }

        /** metadata/libosinfo:libosinfo/libosinfo:os@id, matched by local name as virt-install writes it. */
        private String libosinfo() {
            XmlElement metadata = root.child("metadata");
            XmlElement info = metadata == null ? null : metadata.child("libosinfo");
            XmlElement os = info == null ? null : info.child("os");
            return os == null ? "" : os.attr("id");
        }

        private static int count(List<XmlElement> devs, String element, String attribute, String value) {
            int n = 0;
            for (XmlElement d : devs) {
                if (d.name.equals(element) && d.attr(attribute).equals(value)) {
                    n++;
                }
            }
            return n;
        }

        private int integer(XmlElement at, String value, String what, String expected) throws UnreadableFile {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the one message below
            }
            throw new UnreadableFile(file, at.line, what + " is '" + value + "', expected " + expected);
        }

        private static String text(XmlElement e) {
            return e == null ? "" : e.text();
        }

        private static String attrOf(XmlElement e, String attribute) {
            return e == null ? "" : e.attr(attribute);
        }
    }
}
