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

    private Fleet(Path file, HostFacts host, List<Vm> vms) {
        this.file = file;
        this.host = host;
        this.vms = vms;
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
            }
            return new Fleet(file, host, vms);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static Fleet of(Path file, HostFacts host, List<Vm> vms) {
        return new Fleet(file, host, new ArrayList<>(vms));
    }

    synchronized HostFacts host() {
        return host;
    }

    synchronized List<Vm> vms() {
        return List.copyOf(vms);
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
            Json.write(b, vms.get(i).json(), false);
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
