package org.hvdiag.core.connector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hvdiag.core.model.HypervisorKind;

/**
 * What a connector says about itself, so the CLI and the workbench can offer it without knowing it:
 * its id, the hypervisor it maps, the target forms it accepts, whether it needs an account, and the
 * options it takes.
 */
public record ConnectorDescriptor(String id, HypervisorKind hypervisor, String summary, List<TargetForm> targetForms,
        boolean needsCredentials, List<ConnectorOption> options) {

    public ConnectorDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hypervisor, "hypervisor");
        Objects.requireNonNull(summary, "summary");
        targetForms = List.copyOf(targetForms);
        options = List.copyOf(options);
        if (targetForms.isEmpty()) {
            throw new IllegalArgumentException("connector " + id + " names no target form");
        }
    }

    public boolean accepts(String target) {
        return targetForms.stream().anyMatch(f -> f.matches(target));
    }

    /**
     * Whether connecting to this target needs an account: a server URL of a connector that needs
     * credentials does, its file targets (VirtualBox's .vbox files beside its web service) do not.
     */
    public boolean needsCredentials(String target) {
        return needsCredentials && targetForms.stream().anyMatch(f -> f instanceof TargetForm.Url && f.matches(target));
    }

    /** Whether it reads VM files on this machine (a folder picker) rather than a server (URL and account). */
    public boolean readsFiles() {
        return targetForms.stream().anyMatch(f -> f instanceof TargetForm.Files);
    }

    public Optional<ConnectorOption> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** "VMware ESXi/vCenter (vsphere)", as lists show it. */
    public String displayName() {
        return hypervisor.displayName() + " (" + id + ")";
    }
}
