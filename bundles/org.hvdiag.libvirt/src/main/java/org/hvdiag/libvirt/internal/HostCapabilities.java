package org.hvdiag.libvirt.internal;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.model.HardwareVersion;

/**
 * What the host's capabilities XML (virConnectGetCapabilities, virsh capabilities) says that the
 * model needs: the newest versioned machine type the host's QEMU offers for the host's own
 * architecture, which is the newest "hardware version" a domain there can be upgraded to.
 */
final class HostCapabilities {

    private HostCapabilities() {
    }

    /** The newest machine type version for {@code <host><cpu><arch>}, or null when none is versioned. */
    static HardwareVersion newestMachine(String source, String xml) throws UnreadableFile {
        XmlElement root = XmlFile.parse(source, xml);
        XmlElement host = root.child("host");
        XmlElement cpu = host == null ? null : host.child("cpu");
        XmlElement arch = cpu == null ? null : cpu.child("arch");
        String hostArch = arch == null ? "" : arch.text();
        HardwareVersion newest = null;
        for (XmlElement guest : root.all("guest")) {
            XmlElement a = guest.child("arch");
            if (a == null || (!hostArch.isEmpty() && !a.attr("name").equals(hostArch))) {
                continue;
            }
            for (XmlElement m : a.all("machine")) {
                HardwareVersion v = MachineType.version(m.text());
                if (v != null && (newest == null || newest.isOlderThan(v))) {
                    newest = v;
                }
            }
        }
        return newest;
    }
}
