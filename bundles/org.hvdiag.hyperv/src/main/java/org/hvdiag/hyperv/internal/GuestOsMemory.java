package org.hvdiag.hyperv.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The guest OS each VM last reported while it ran. Hyper-V tells a VM's guest only through the KVP
 * exchange of a running VM, yet the fixes that depend on the guest (the Secure Boot template of a
 * Linux guest, a Windows 7 guest's vCPUs) need the VM shut down: without a memory, shutting the VM
 * down would hide the very finding the admin shut it down to fix. Kept per host and VM id in
 * ~/.hvdiag/hyperv-guests.json ({@code -Dhvdiag.hyperv.guests=FILE} moves it); a file that cannot be
 * read is treated as empty, since it only ever adds what a host said before.
 */
final class GuestOsMemory {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One remembered report: what the guest said, and when hvdiag read it. */
    record Report(String guestOs, String reportedAt) {
    }

    private final Path file;
    private final Map<String, Report> reports;
    private boolean changed;

    private GuestOsMemory(Path file, Map<String, Report> reports) {
        this.file = file;
        this.reports = reports;
    }

    static Path defaultFile() {
        String chosen = System.getProperty("hvdiag.hyperv.guests");
        return chosen != null ? Path.of(chosen) : Path.of(System.getProperty("user.home"), ".hvdiag", "hyperv-guests.json");
    }

    static GuestOsMemory at(Path file) {
        Map<String, Report> reports = new TreeMap<>();
        try {
            if (Files.isRegularFile(file)) {
                reports.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Report>>() { }));
            }
        } catch (IOException | RuntimeException e) {
            reports.clear();
        }
        return new GuestOsMemory(file, reports);
    }

    /** Remembers what a running VM reports now. */
    void reported(String hostId, String vmId, String guestOs, Instant at) {
        reports.put(key(hostId, vmId), new Report(guestOs, at.toString()));
        changed = true;
    }

    /** What the VM reported the last time hvdiag saw it running, if it ever did. */
    Report last(String hostId, String vmId) {
        return reports.get(key(hostId, vmId));
    }

    /** Writes the memory when it learnt something; a failure to write costs only the memory. */
    void save() {
        if (!changed) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, ".hyperv-guests", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), reports);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            changed = false;
        } catch (IOException | RuntimeException e) {
            // The audit itself is complete; only the next one may miss a guest of a VM that is off.
        }
    }

    private static String key(String hostId, String vmId) {
        return hostId + "/" + vmId;
    }
}
