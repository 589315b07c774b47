package org.hvdiag.vmx.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The snapshot dictionary next to a .vmx ({@code x.vmsd}, same key = "value" format). Workstation
 * writes an empty one for a VM without snapshots, and none at all for a VM that never had any.
 */
final class VmsdFile {

    private VmsdFile() {
    }

    static Path of(Path vmx) {
        String name = vmx.getFileName().toString();
        String base = name.regionMatches(true, name.length() - 4, ".vmx", 0, 4) ? name.substring(0, name.length() - 4) : name;
        return vmx.resolveSibling(base + ".vmsd");
    }

    /** snapshot.numSnapshots, 0 without a .vmsd or without the key. */
    static int snapshotCount(Path vmx) throws VmxFileException {
        Path vmsd = of(vmx);
        if (!Files.exists(vmsd)) {
            return 0;
        }
        VmxFile f = VmxFile.read(vmsd);
        // A damaged line may be the count itself: an unknown count is better than a wrong one.
        if (!f.damagedLines().isEmpty()) {
            VmxFile.DamagedLine d = f.damagedLines().get(0);
            throw new VmxFileException(vmsd, d.line(), d.reason() + "; the snapshot count is not read");
        }
        String n = f.value("snapshot.numSnapshots");
        if (n == null || n.isEmpty()) {
            return 0;
        }
        try {
            int count = Integer.parseInt(n.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new VmxFileException(vmsd, f.lineOf("snapshot.numSnapshots"),
                "snapshot.numSnapshots is not a count (expected a whole number, e.g. \"2\")");
    }
}
