package org.hvdiag.libvirt.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hvdiag.core.model.HardwareVersion;

/**
 * A QEMU machine type as libvirt writes it in os/type@machine: versioned ("pc-i440fx-7.2",
 * "pc-q35-7.2", the old "pc-1.2", "virt-7.2") or a bare alias ("pc", "q35", "virt") whose version
 * depends on the host's QEMU and is unknown offline. Distribution types such as
 * "pc-q35-rhel9.2.0" carry the distribution's version, not QEMU's, and are unknown too.
 */
final class MachineType {

    private static final Pattern VERSIONED = Pattern.compile("(?:pc-i440fx-|pc-q35-|pc-|virt-)(\\d+)\\.(\\d+)");

    private MachineType() {
    }

    /** The machine type's QEMU version, or null when it has none. */
    static HardwareVersion version(String machine) {
        Matcher m = VERSIONED.matcher(machine);
        if (!m.matches()) {
            return null;
        }
        return new HardwareVersion(HardwareVersion.Family.LIBVIRT_MACHINE, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)));
    }

    static boolean isQ35(String machine) {
        return machine.equals("q35") || machine.startsWith("pc-q35-");
    }

    static boolean isI440fx(String machine) {
        return machine.equals("pc") || machine.startsWith("pc-i440fx-") || machine.matches("pc-\\d.*");
    }

    /** The USB controllers libvirt gives a controller element without a model; empty when not known offline. */
    static List<String> defaultUsbModels(String machine) {
        if (isI440fx(machine)) {
            return List.of("piix3-uhci");
        }
        if (isQ35(machine)) {
            return List.of("ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3");
        }
        return List.of();
    }
}
