package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.management.ObjectName;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.OptionType;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.ObjectError;

/**
 * The host that the VMs of a file target run on. A folder copied from another machine can say which
 * host that was in {@value #PROPERTIES}; without it the VMs are taken to run here, on this machine.
 * The connector options below override either, for an admin who audits files against the host
 * they are meant for.
 */
public final class HostFacts {
    public static final ConnectorOption CORES = ConnectorOption.HOST_CORES;
    public static final ConnectorOption THREADS = ConnectorOption.HOST_THREADS;
    public static final ConnectorOption MEMORY = ConnectorOption.HOST_MEMORY;
    public static final ConnectorOption NEWEST_HARDWARE = new ConnectorOption("host-hw", OptionType.HARDWARE_VERSION, false,
            "Newest virtual hardware version that host supports, e.g. vmx-21.");
    public static final String PROPERTIES = "hvdiag-host.properties";
    public static final String HOST_ID = "local";

    /** What endpoint options say about the host; null fields are not overridden. */
    public record Overrides(Integer cores, Integer threads, Long memoryMiB, HardwareVersion newestHardwareVersion) {
        public static final Overrides NONE = new Overrides(null, null, null, null);
    }

    /** The host, and what in hvdiag-host.properties could not be read. */
    public record Result(Host host, List<ObjectError> errors) { }

    private HostFacts() {
    }

    public static Overrides overrides(Endpoint endpoint) throws ConnectorException {
        Optional<String> cores = endpoint.option(CORES);
        Optional<String> threads = endpoint.option(THREADS);
        Optional<String> memory = endpoint.option(MEMORY);
        Optional<String> hardware = endpoint.option(NEWEST_HARDWARE);
        HardwareVersion newest = null;
        if (hardware.isPresent()) {
            try {
                newest = HardwareVersion.parseVmx(hardware.get());
            } catch (IllegalArgumentException e) {
                throw new ConnectorException("option " + NEWEST_HARDWARE.name() + ": " + e.getMessage());
            }
        }
        return new Overrides(cores.map(Integer::valueOf).orElse(null), threads.map(Integer::valueOf).orElse(null),
                memory.map(Long::valueOf).orElse(null), newest);
    }

    public static Result describe(Path folder, Overrides overrides) {
        Path file = folder.resolve(PROPERTIES);
        Result base = Files.isRegularFile(file) ? fromProperties(file) : new Result(thisMachine(), List.of());
        Host h = base.host();
        return new Result(new Host(h.id(), h.name(), h.kind(), h.productVersion(), h.cpuPackages(),
                overrides.cores() != null ? overrides.cores() : h.cpuCores(),
                overrides.threads() != null ? overrides.threads() : h.cpuThreads(),
                overrides.memoryMiB() != null ? overrides.memoryMiB() : h.memoryMiB(),
                overrides.newestHardwareVersion() != null ? overrides.newestHardwareVersion() : h.newestHardwareVersion(),
                List.of()), base.errors());
    }

    static Result fromProperties(Path file) {
        List<ObjectError> errors = new ArrayList<>();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            errors.add(new ObjectError(file.toString(), "", "cannot read: " + e.getMessage()));
        }
        Path folder = file.toAbsolutePath().getParent();
        String name = p.getProperty("name", folder == null || folder.getFileName() == null ? HOST_ID
                : folder.getFileName().toString()).trim();
        Host host = new Host(HOST_ID, name, HypervisorKind.VMWARE_WORKSTATION, p.getProperty("product", "").trim(),
                (int) count(p, "packages", file, errors), (int) count(p, "cores", file, errors),
                (int) count(p, "threads", file, errors), count(p, "memoryMiB", file, errors),
                hardwareVersion(p, file, errors), List.of());
        return new Result(host, errors);
    }

    private static long count(Properties p, String key, Path file, List<ObjectError> errors) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > 0 && (n <= Integer.MAX_VALUE || key.equals("memoryMiB"))) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new ObjectError(file.toString(), key, "expected a positive whole number, was '" + v.trim() + "'"));
        return -1;
    }

    private static HardwareVersion hardwareVersion(Properties p, Path file, List<ObjectError> errors) {
        String v = p.getProperty("newestHardwareVersion");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return HardwareVersion.parseVmx(v.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new ObjectError(file.toString(), "newestHardwareVersion", e.getMessage()));
            return null;
        }
    }

    /** This machine: its name, its processors as the JVM sees them, its memory; the rest unknown. */
    static Host thisMachine() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new Host(HOST_ID, hostName(), HypervisorKind.VMWARE_WORKSTATION, "", -1, cpus, cpus, memoryMiB(), null,
                List.of());
    }

    private static String hostName() {
        try {
            Path linux = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(linux)) {
                String n = Files.readString(linux).trim();
                if (!n.isEmpty()) {
                    return n;
                }
            }
        } catch (IOException e) {
            // fall through to the environment
        }
        for (String var : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String n = System.getenv(var);
            if (n != null && !n.isBlank()) {
                return n.trim();
            }
        }
        try {
            // Last: on a machine with broken name resolution this can take seconds.
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return HOST_ID;
        }
    }

    static long memoryMiB() {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            try {
                for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
                    if (line.startsWith("MemTotal:")) {
                        String kb = line.substring(9).replace("kB", "").trim();
                        return Long.parseLong(kb) / 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall back to the JVM's view
            }
        }
        try {
            // Read through JMX rather than com.sun.management, which an OSGi bundle would have to import.
            Object bytes = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "TotalMemorySize");
            return bytes instanceof Number ? ((Number) bytes).longValue() >> 20 : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
