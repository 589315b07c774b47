package org.hvdiag.virtualbox.internal;

import java.util.List;
import java.util.Objects;

/**
 * One VirtualBox machine as VirtualBox itself states it, in its own words, whichever way it was
 * read: from a .vbox settings file or over the web service. Both readers fill this record and
 * {@link MachineMapping} alone turns it into the common model, so a .vbox file and the same VM read
 * live cannot disagree about what a setting means.
 * <p>
 * Strings are VirtualBox's own values ("Windows7_64", "EFI", "ICH9", "PoweredOff", controller type
 * "XHCI"); "" when the source did not say. Counts it did not say are -1.
 *
 * @param settingsVersion the settings format of a .vbox file ("1.16-linux"), "" over the web service,
 *        which does not report it
 * @param state the MachineState ("PoweredOff", "Running", "Saved", ...), "" when unknown (a file)
 * @param guestAdditionsVersion as the guest reported it ("7.0.14r161095"), "" when not reported
 */
public record MachineFacts(String id, String name, String source, String osTypeId, int cpuCount, boolean cpuHotPlug,
        long memoryMiB, String firmware, String chipset, String settingsVersion, String state,
        List<Controller> controllers, List<Filter> filters, String guestAdditionsVersion, int snapshotCount) {

    public MachineFacts {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        source = source == null ? "" : source;
        osTypeId = osTypeId == null ? "" : osTypeId;
        firmware = firmware == null ? "" : firmware;
        chipset = chipset == null ? "" : chipset;
        settingsVersion = settingsVersion == null ? "" : settingsVersion;
        state = state == null ? "" : state;
        controllers = List.copyOf(controllers);
        filters = List.copyOf(filters);
        guestAdditionsVersion = guestAdditionsVersion == null ? "" : guestAdditionsVersion;
    }

    /**
     * Whether two reads of a VM agree on every setting hvdiag changes (CPUs, CPU hot-plug, memory,
     * USB controllers, device filters in order): how undo tells "as before", "as the fix left it" and
     * "changed since" apart.
     */
    public boolean sameSettings(MachineFacts other) {
        return cpuCount == other.cpuCount && cpuHotPlug == other.cpuHotPlug && memoryMiB == other.memoryMiB
                && new java.util.HashSet<>(controllers).equals(new java.util.HashSet<>(other.controllers))
                && filters.equals(other.filters);
    }

    /** The same facts with other USB controllers. */
    public MachineFacts withControllers(List<Controller> other) {
        return new MachineFacts(id, name, source, osTypeId, cpuCount, cpuHotPlug, memoryMiB, firmware, chipset,
                settingsVersion, state, other, filters, guestAdditionsVersion, snapshotCount);
    }

    /** An IUSBController: its name is its handle in VirtualBox's API ("OHCI", "EHCI", "xHCI" by default). */
    public record Controller(String name, String type) {
        public Controller {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * An IUSBDeviceFilter in its position on the VM. Ids, revision and port are VirtualBox's filter
     * expressions as written ("046d", "", "0x0100-0x0200"); "" matches anything.
     */
    public record Filter(int position, String name, boolean active, String vendorId, String productId,
            String revision, String manufacturer, String product, String serialNumber, String port, String remote,
            String maskedInterfaces) {
        public Filter {
            name = name == null ? "" : name;
            vendorId = vendorId == null ? "" : vendorId;
            productId = productId == null ? "" : productId;
            revision = revision == null ? "" : revision;
            manufacturer = manufacturer == null ? "" : manufacturer;
            product = product == null ? "" : product;
            serialNumber = serialNumber == null ? "" : serialNumber;
            port = port == null ? "" : port;
            remote = remote == null ? "" : remote;
            maskedInterfaces = maskedInterfaces == null ? "" : maskedInterfaces;
        }
    }
}
