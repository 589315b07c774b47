package org.hvdiag.winrm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host and its VMs, loaded from the fleet file (the inventory document's shape) and written back
 * after every successful change: a temporary file beside it, forced to disk, renamed over it. A
 * SIGKILL at any moment leaves the old or the new file, never half of one.
 */
final class Fleet {
    private final Path file;
    private final HostFacts host;
    private final List<Vm> vms;
    /** Each VM's optional "Events" (the event logs' records of it), record ids given at load. */
    private final List<HostEvent> events;

    private Fleet(Path file, HostFacts host, List<Vm> vms, List<HostEvent> events) {
        this.file = file;
        this.host = host;
        this.vms = vms;
        this.events = numbered(events);
    }

    /** Record ids as each log numbers its records: in time order, from an arbitrary start (logs are not new). */
    private static List<HostEvent> numbered(List<HostEvent> events) {
        List<HostEvent> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing((HostEvent e) -> e.time().toInstant()));
        Map<String, Long> next = new java.util.HashMap<>();
        List<HostEvent> out = new ArrayList<>();
        for (HostEvent e : sorted) {
            long id = next.getOrDefault(e.logName(), 4100L);
            next.put(e.logName(), id + 1);
            out.add(e.withRecordId(id));
        }
        return List.copyOf(out);
    }

    static Fleet load(Path file) throws IOException {
        Object doc;
        try {
            doc = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + ": a JSON object expected");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) doc;
        try {
            HostFacts host = HostFacts.from(m);
            List<Vm> vms = new ArrayList<>();
            List<HostEvent> events = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            List<Object> raw = Fields.list(m, "VMs", "the fleet file");
            for (int i = 0; i < raw.size(); i++) {
                if (!(raw.get(i) instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("VMs[" + i + "] must be an object");
                }
                @SuppressWarnings("unchecked")
                Vm vm = Vm.from((Map<String, Object>) raw.get(i), i);
                if (!ids.add(vm.id())) {
                    throw new IllegalArgumentException("VMs[" + i + "]: Id " + vm.id() + " appears twice");
                }
                vms.add(vm);
                @SuppressWarnings("unchecked")
                Map<String, Object> raw1 = (Map<String, Object>) raw.get(i);
                if (raw1.containsKey("Events")) {
                    List<Object> list = Fields.list(raw1, "Events", "VMs[" + i + "]");
                    for (int j = 0; j < list.size(); j++) {
                        String where = "VMs[" + i + "] (" + vm.id() + "): Events[" + j + "]";
                        if (!(list.get(j) instanceof Map<?, ?>)) {
                            throw new IllegalArgumentException(where + " must be an object");
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> ev = (Map<String, Object>) list.get(j);
                        events.add(HostEvent.from(ev, vm.id(), where));
                    }
                }
            }
            return new Fleet(file, host, vms, events);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static Fleet of(Path file, HostFacts host, List<Vm> vms) {
        return of(file, host, vms, List.of());
    }

    static Fleet of(Path file, HostFacts host, List<Vm> vms, List<HostEvent> events) {
        return new Fleet(file, host, new ArrayList<>(vms), events);
    }

    synchronized HostFacts host() {
        return host;
    }

    synchronized List<Vm> vms() {
        return List.copyOf(vms);
    }

    /** Every VM's events, record ids given. */
    synchronized List<HostEvent> events() {
        return events;
    }

    synchronized Vm find(String id) {
        for (Vm vm : vms) {
            if (vm.id().equals(id)) {
                return vm;
            }
        }
        return null;
    }

    /** Puts the changed VM in place and writes the file; returns only once the file is renamed into place. */
    synchronized void replace(Vm changed) throws IOException {
        for (int i = 0; i < vms.size(); i++) {
            if (vms.get(i).id().equals(changed.id())) {
                vms.set(i, changed);
                save();
                return;
            }
        }
        throw new IllegalStateException("no VM " + changed.id());
    }

    synchronized void save() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, document(), StandardCharsets.UTF_8);
            // createTempFile makes the file owner-only; the renamed file keeps the old one's mode.
            if (Files.exists(file)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the default mode stays
                }
            } else {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The fleet file: the inventory's shape, one VM a line so that a diff shows what a fix changed. */
    synchronized String document() {
        StringBuilder b = new StringBuilder(256 + vms.size() * 900);
        b.append("{\n  \"Host\": ");
        Json.write(b, host.hostJson(), false);
        b.append(",\n  \"DefaultVersion\": ");
        Json.string(b, host.defaultVersion(), false);
        b.append(",\n  \"SupportedVersions\": ");
        Json.write(b, host.supportedVersions(), false);
        b.append(",\n  \"VMs\": [");
        for (int i = 0; i < vms.size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ");
            Map<String, Object> vm = vms.get(i).json();
            List<Object> own = new ArrayList<>();
            for (HostEvent e : events) {
                if (e.vmId().equals(vms.get(i).id())) {
                    own.add(e.fleetJson());
                }
            }
            if (!own.isEmpty()) {
                vm.put("Events", own);
            }
            Json.write(b, vm, false);
        }
        b.append(vms.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return b.toString();
    }

    /** What inventory.ps1 prints: ConvertTo-Json -Compress of the host, the versions and every VM. */
    synchronized String inventoryJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Host", host.hostJson());
        doc.put("DefaultVersion", host.defaultVersion());
        doc.put("SupportedVersions", host.supportedVersions());
        List<Object> list = new ArrayList<>(vms.size());
        for (Vm vm : vms) {
            list.add(vm.json());
        }
        doc.put("VMs", list);
        StringBuilder b = new StringBuilder(256 + vms.size() * 900);
        Json.write(b, doc, true);
        return b.toString();
    }
}
