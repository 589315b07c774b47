package org.hvdiag.libvirt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;

/**
 * The host of domains read from XML files: this machine unless the host options say otherwise.
 * Its newest machine type stays unknown offline: that is the host QEMU's, from its capabilities.
 */
public final class LibvirtHostFacts {

    public static final List<ConnectorOption> OPTIONS = List.of(ConnectorOption.HOST_CORES, ConnectorOption.HOST_THREADS,
            ConnectorOption.HOST_MEMORY);

    public static final String HOST_ID = "localhost";

    /** What the options state; null where they are silent. */
    public record Stated(Integer cores, Integer threads, Long memoryMiB) {
    }

    private LibvirtHostFacts() {
    }

    public static Stated stated(Endpoint endpoint) throws ConnectorException {
        try {
            return new Stated(endpoint.option(ConnectorOption.HOST_CORES).map(Integer::valueOf).orElse(null),
                    endpoint.option(ConnectorOption.HOST_THREADS).map(Integer::valueOf).orElse(null),
                    endpoint.option(ConnectorOption.HOST_MEMORY).map(Long::valueOf).orElse(null));
        } catch (NumberFormatException e) {
            throw new ConnectorException("a host option is not a whole number: " + e.getMessage());
        }
    }

    public static Host describe(Stated stated) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new Host(HOST_ID, HOST_ID, HypervisorKind.LIBVIRT, "", -1,
                stated.cores() != null ? stated.cores() : cpus,
                stated.threads() != null ? stated.threads() : cpus,
                stated.memoryMiB() != null ? stated.memoryMiB() : memoryMiB(), null, List.of(), false);
    }

    /** This machine's memory from /proc/meminfo; unknown (-1) where there is none. */
    private static long memoryMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring(9).replace("kB", "").trim()) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return -1;
    }
}
