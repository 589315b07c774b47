package org.hvdiag.vmx.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.model.Inventory;

/**
 * Prints how long parsing a generated fleet takes: java ... ParseSpeed [files] [folder]. A measurement
 * to read, not a test: timings on a shared build machine make poor assertions.
 */
public final class ParseSpeed {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path root = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("hvdiag-speed");
        List<Path> files = new ArrayList<>(count);
        long lines = 0;
        long bytes = 0;
        String[] lineList = Fixtures.WORKSTATION.split("\n");
        for (int i = 0; i < count; i++) {
            Path f = root.resolve(String.format("vm%05d/vm%05d.vmx", i, i));
            StringBuilder sb = new StringBuilder(4096);
            for (String l : lineList) {
                if (l.startsWith("displayName")) {
                    l = "displayName = \"vm" + i + "\"";
                } else if (l.startsWith("numvcpus")) {
                    l = "numvcpus = \"" + (1 + i % 16) + "\"";
                }
                sb.append(l).append(i % 4 == 0 ? "\r\n" : "\n");
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(f.getParent());
            Files.write(f, b);
            files.add(f);
            lines += lineList.length;
            bytes += b.length;
        }
        System.out.printf("%d files, %d lines, %.1f MB in %s%n", count, lines, bytes / 1e6, root);
        for (int round = 1; round <= 5; round++) {
            long t0 = System.nanoTime();
            int keys = 0;
            for (Path f : files) {
                keys += VmxFile.read(f).values().size();
            }
            long t1 = System.nanoTime();
            for (Path f : files) {
                VmReader.read(f, "local");
            }
            long t2 = System.nanoTime();
            Inventory inv = new VmxSession(root.toString(), root, HostFacts.Overrides.NONE).inventory(Progress.NONE);
            long t3 = System.nanoTime();
            System.out.printf("round %d: read+parse %d ms (1 thread, %d keys); read+parse+map %d ms (1 thread); "
                    + "inventory %d ms (walk, %d threads, %d VMs, %d errors)%n", round, (t1 - t0) / 1_000_000, keys,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, Math.min(2, Runtime.getRuntime().availableProcessors()),
                    inv.vms().size(), inv.errors().size());
        }
    }
}
