package org.hvdiag.libvirt.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.libvirt.LibvirtIds;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.Vm;

/**
 * Which device of a running domain each alias names. libvirt's device-added and device-removed
 * events carry only the alias QEMU knows the device by ({@code <alias name='usb-disk1'/>} in the
 * live XML: "usb-disk" and the target's index for a USB disk, "hostdev0", "redir0", or an
 * admin's own "ua-..." name); the live XML says which element it is, and the model built from the
 * same XML says how hvdiag names it. Learnt from each running domain's live XML at inventory and
 * again after a device is added; a removed device is named as it was last seen.
 */
final class UsbAliases {
    /** A device on some other bus: known, and not evidence. */
    private static final UsbDeviceSeen NOT_USB = UsbDeviceSeen.named("");

    /** Domain UUID to alias to device; entries for aliases seen but not USB hold {@link #NOT_USB}. */
    private final Map<String, Map<String, UsbDeviceSeen>> byDomain = new ConcurrentHashMap<>();

    /**
     * Learns the aliases in {@code liveXml}, the XML {@code vm} was built from; a domain that is
     * not running has none. A previous sighting of an alias is replaced (aliases are reused once a
     * device is gone) but an alias no longer in the XML is kept, for its removal event.
     */
    void learn(Vm vm, String liveXml) throws UnreadableFile {
        Map<String, UsbDeviceSeen> found = read(vm, liveXml);
        byDomain.computeIfAbsent(vm.id(), k -> new ConcurrentHashMap<>()).putAll(found);
    }

    /** The USB device the alias names, {@link Lookup#NOT_USB} or {@link Lookup#UNKNOWN}. */
    Lookup find(String domainUuid, String alias) {
        Map<String, UsbDeviceSeen> aliases = byDomain.get(domainUuid);
        UsbDeviceSeen d = aliases == null ? null : aliases.get(alias);
        if (d == null) {
            return Lookup.UNKNOWN;
        }
        return d == NOT_USB ? Lookup.NOT_USB : new Lookup(d);
    }

    /** What an alias turned out to be: a USB device, a device on another bus, or not known. */
    record Lookup(Found found, UsbDeviceSeen device) {
        static final Lookup NOT_USB = new Lookup(Found.NOT_USB, null);
        static final Lookup UNKNOWN = new Lookup(Found.UNKNOWN, null);

        Lookup(UsbDeviceSeen device) {
            this(Found.USB, device);
        }
    }

    enum Found { USB, NOT_USB, UNKNOWN }

    static Map<String, UsbDeviceSeen> read(Vm vm, String liveXml) throws UnreadableFile {
        XmlElement root = XmlFile.parse("live XML of domain " + vm.name(), liveXml);
        XmlElement devices = root.child("devices");
        Map<String, UsbDeviceSeen> found = new HashMap<>();
        if (devices == null) {
            return found;
        }
        Map<String, UsbDevice> model = new HashMap<>();
        for (UsbDevice d : vm.usbDevices()) {
            model.put(d.id(), d);
        }
        // Counted as DomainXml counts them, so that the N of hostdev[N] and redirdev[N] agree.
        int hostdevs = 0;
        int redirdevs = 0;
        for (XmlElement e : devices.children) {
            String alias = alias(e);
            String id = null;
            if (e.name.equals("hostdev") && e.attr("mode").equals("subsystem") && e.attr("type").equals("usb")) {
                id = LibvirtIds.hostDevice(hostdevs++);
            } else if (e.name.equals("redirdev") && e.attr("bus").equals("usb")) {
                id = LibvirtIds.redirection(redirdevs++);
            } else if (e.name.equals("disk") && e.child("target") != null && e.child("target").attr("bus").equals("usb")) {
                id = LibvirtIds.usbDisk(e.child("target").attr("dev"));
            }
            if (alias.isEmpty()) {
                continue;
            }
            UsbDevice d = id == null ? null : model.get(id);
            found.put(alias, d == null ? NOT_USB : seen(d, controller(d, e, vm.usbControllers())));
        }
        return found;
    }

    private static String alias(XmlElement e) {
        XmlElement a = e.child("alias");
        return a == null ? "" : a.attr("name");
    }

    /**
     * The controller the device hangs off: the model's, else the one whose index is the bus of the
     * device's {@code <address type='usb' bus='N' port='P'/>}, which libvirt writes into the live
     * XML of every USB device it plugs in (controller ids are "usbINDEX-MODEL", see DomainMapping).
     */
    private static UsbController controller(UsbDevice d, XmlElement e, List<UsbController> controllers) {
        XmlElement address = e.child("address");
        String bus = address != null && address.attr("type").equals("usb") ? address.attr("bus") : "";
        for (UsbController c : controllers) {
            if (d.controllerId().isEmpty() ? !bus.isEmpty() && c.id().startsWith("usb" + bus + "-") : c.id().equals(d.controllerId())) {
                return c;
            }
        }
        return null;
    }

    /** The device as evidence names it: hvdiag's id first, so that the admin finds it in the audit. */
    private static UsbDeviceSeen seen(UsbDevice d, UsbController on) {
        return new UsbDeviceSeen(d.vendorId() < 0 ? "" : Integer.toHexString(d.vendorId()),
                d.productId() < 0 ? "" : Integer.toHexString(d.productId()), d.id() + ": " + d.name(), d.speed(),
                on == null ? null : on.type());
    }
}
