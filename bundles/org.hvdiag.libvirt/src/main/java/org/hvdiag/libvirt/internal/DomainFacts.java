package org.hvdiag.libvirt.internal;

import java.util.List;

/**
 * One libvirt domain in libvirt's own words, as its domain XML states them; {@link DomainMapping}
 * turns it into hvdiag's model. Sizes are bytes, counts -1 and texts "" where the XML is silent.
 * {@code running} is true when the XML carries the {@code id} attribute that libvirt writes for
 * an active domain only (virsh dumpxml of a running guest).
 */
public record DomainFacts(
        String source,
        String id,
        String name,
        String uuid,
        String type,
        boolean running,
        String machine,
        String arch,
        String firmware,
        int vcpuMaximum,
        int vcpuCurrent,
        long memoryBytes,
        long currentMemoryBytes,
        long maxMemoryBytes,
        int maxMemorySlots,
        String onPoweroff,
        String onReboot,
        String onCrash,
        List<Controller> controllers,
        List<HostDevice> hostDevices,
        List<UsbDisk> usbDisks,
        List<String> redirections,
        List<RedirRule> redirRules,
        int usbInputs,
        int usbHubs,
        boolean guestAgentChannel,
        String libosinfoId) {

    public DomainFacts {
        controllers = List.copyOf(controllers);
        hostDevices = List.copyOf(hostDevices);
        usbDisks = List.copyOf(usbDisks);
        redirections = List.copyOf(redirections);
        redirRules = List.copyOf(redirRules);
    }

    /**
     * Whether both state the same definition, wherever they were read from and whether the domain
     * ran: how undo tells "as the journal left it" from "changed since".
     */
    public boolean sameDefinition(DomainFacts o) {
        return strip().equals(o.strip());
    }

    private DomainFacts strip() {
        return new DomainFacts("", id, name, uuid, type, false, machine, arch, firmware, vcpuMaximum, vcpuCurrent, memoryBytes,
                currentMemoryBytes, maxMemoryBytes, maxMemorySlots, onPoweroff, onReboot, onCrash, controllers, hostDevices,
                usbDisks, redirections, redirRules, usbInputs, usbHubs, guestAgentChannel, libosinfoId);
    }

    /** The same USB devices plugged in: host devices, USB disks and redirection channels. */
    public boolean sameUsbDevices(DomainFacts o) {
        return hostDevices.equals(o.hostDevices) && usbDisks.equals(o.usbDisks) && redirections.equals(o.redirections);
    }

    /**
     * A {@code <controller type='usb'>}. {@code model} is libvirt's; {@code implied} says the element
     * names none and the model is the machine type's default. Companion UHCI controllers share their
     * EHCI master's {@code index} and give their first port as {@code startPort}.
     */
    public record Controller(String model, boolean implied, int index, int ports, int startPort) {
    }

    /**
     * A {@code <hostdev mode='subsystem' type='usb'>}: vendor and product as written ("0x046d"), the
     * host bus and device, the startup policy ("" when absent, which libvirt treats as mandatory),
     * and the guest USB bus (the controller index) it is attached to, -1 when not given.
     */
    public record HostDevice(String vendor, String product, String bus, String device, String startupPolicy, int guestBus) {
    }

    /**
     * A {@code <disk>} on the guest's USB bus ({@code <target bus='usb'>}): QEMU's usb-storage, the
     * way a USB stick is given to a guest from an image. {@code source} is the file or device behind it.
     */
    public record UsbDisk(String target, String source) {
    }

    /**
     * One {@code <redirfilter><usbdev>} rule as written; an absent attribute is "" and, like "-1",
     * matches any value. Rules are tried in order and the first that matches decides.
     */
    public record RedirRule(String usbClass, String vendor, String product, String version, boolean allow) {
        public boolean matchesAnyDevice() {
            return any(usbClass) && any(vendor) && any(product) && any(version);
        }

        static boolean any(String v) {
            return v.isEmpty() || v.equals("-1");
        }
    }
}
