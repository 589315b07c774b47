package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.OptionType;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;

/**
 * The host of VMs read from .vbox files: this machine unless options say otherwise. The VirtualBox
 * version and the extension packs come from the options, else from VBoxManage on this machine's
 * PATH, else stay unknown ("" and an empty list), so that rules which need them stay quiet.
 */
public final class VboxHostFacts {

    public static final ConnectorOption VERSION = new ConnectorOption("vbox-version", OptionType.TEXT, false,
            "VirtualBox version of the host that runs these VMs, e.g. 6.1.50 (default: VBoxManage --version here).");
    public static final ConnectorOption EXTPACKS = new ConnectorOption("extpacks", OptionType.TEXT, false,
            "Extension packs installed on that host, comma-separated, each as its name then its version, e.g. "
                    + "\"Oracle VM VirtualBox Extension Pack 6.1.50\", or none (default: VBoxManage list extpacks on this machine; "
                    + "unknown elsewhere).");

    /** Every option a VirtualBox file target takes, for the connector's descriptor. */
    public static final List<ConnectorOption> OPTIONS = List.of(ConnectorOption.HOST_CORES, ConnectorOption.HOST_THREADS,
            ConnectorOption.HOST_MEMORY, VERSION, EXTPACKS);

    public static final String HOST_ID = "localhost";

    /** What the options state; null or absent where they are silent. */
    public record Stated(Integer cores, Integer threads, Long memoryMiB, String version, Optional<List<String>> extensionPacks) {
    }

    private VboxHostFacts() {
    }

    /** The options' values, checked: a malformed one is an error naming the option. */
    public static Stated stated(Endpoint endpoint) throws ConnectorException {
        Optional<String> packs = endpoint.option(EXTPACKS);
        return new Stated(endpoint.option(ConnectorOption.HOST_CORES).map(Integer::valueOf).orElse(null),
                endpoint.option(ConnectorOption.HOST_THREADS).map(Integer::valueOf).orElse(null),
                endpoint.option(ConnectorOption.HOST_MEMORY).map(Long::valueOf).orElse(null),
                endpoint.option(VERSION).orElse(null),
                packs.isPresent() ? Optional.of(extensionPacks(packs.get())) : Optional.empty());
    }

    /** "Oracle VM VirtualBox Extension Pack 6.1.50, Other Pack 1.0": each a name, then a version as last word. */
    static List<String> extensionPacks(String option) throws ConnectorException {
        List<String> packs = new ArrayList<>();
        if (option.strip().equalsIgnoreCase("none")) {
            return packs;
        }
        for (String part : option.split(",")) {
            String p = part.strip().replaceAll("\\s+", " ");
            if (p.isEmpty()) {
                continue;
            }
            int space = p.lastIndexOf(' ');
            if (space < 0 || !Character.isDigit(p.charAt(space + 1))) {
                throw new ConnectorException("option " + EXTPACKS.name() + ": '" + p + "' is not a pack name followed by "
                        + "its version (expected e.g. \"Oracle VM VirtualBox Extension Pack 6.1.50\")");
            }
            packs.add(p);
        }
        return packs;
    }

    public static Host describe(Stated stated, VBoxManageCommand vboxManage) {
        int cpus = Runtime.getRuntime().availableProcessors();
        String version = stated.version() != null ? stated.version()
                : vboxManage.run("--version").map(VboxHostFacts::versionOf).orElse("");
        // Known when stated or when VBoxManage answered (an empty answer then means none installed).
        Optional<List<String>> packs = stated.extensionPacks().isPresent() ? stated.extensionPacks()
                : vboxManage.run("list", "extpacks").map(ExtensionPackList::parse);
        return new Host(HOST_ID, HOST_ID, HypervisorKind.VIRTUALBOX, version, -1,
                stated.cores() != null ? stated.cores() : cpus,
                stated.threads() != null ? stated.threads() : cpus,
                stated.memoryMiB() != null ? stated.memoryMiB() : memoryMiB(), null, packs.orElse(List.of()), packs.isPresent());
    }

    /**
     * "7.0.14r161095" and Debian's "6.1.38_Debianr153438" to "7.0.14" and "6.1.38": the release, as
     * extension packs name theirs.
     */
    static String versionOf(String output) {
        String v = output.strip();
        int end = 0;
        while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) {
            end++;
        }
        return end == 0 ? "" : v.substring(0, end);
    }

    /** This machine's memory from /proc/meminfo; unknown (-1) where there is none. */
    private static long memoryMiB() {
        Path meminfo = Path.of("/proc/meminfo");
        try {
            for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
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
