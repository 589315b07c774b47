package org.hvdiag.core.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What one connection returned at one time: hosts, VMs, and the objects it could not read. */
public record Inventory(String target, Instant readAt, List<Host> hosts, List<Vm> vms, List<ObjectError> errors) {
    public Inventory {
        Objects.requireNonNull(target, "target");
        readAt = readAt == null ? Instant.now() : readAt;
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        errors = List.copyOf(errors);
    }

    public Optional<Host> host(String hostId) {
        for (Host h : hosts) {
            if (h.id().equals(hostId)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    public Map<String, Host> hostsById() {
        Map<String, Host> byId = new HashMap<>();
        for (Host h : hosts) {
            byId.put(h.id(), h);
        }
        return byId;
    }
}
