package org.hvdiag.ui.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For benchmarks/workbench.sh only: with -Dhvdiag.timings=FILE the workbench appends "name value"
 * lines (milliseconds) to FILE and closes itself once the Findings view has shown an audit, so
 * start-up and population are measured on the real product, not on a test double.
 */
public final class Timings {
    private static final String FILE = System.getProperty("hvdiag.timings");

    private Timings() {
    }

    public static boolean enabled() {
        return FILE != null;
    }

    /** Milliseconds since the JVM started, the closest the product itself knows to "launch". */
    public static long sinceLaunch() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    public static void record(String name, long millis) {
        if (FILE == null) {
            return;
        }
        try {
            Files.writeString(Path.of(FILE), name + " " + millis + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("hvdiag: cannot write timings to " + FILE + ": " + e.getMessage());
        }
    }
}
