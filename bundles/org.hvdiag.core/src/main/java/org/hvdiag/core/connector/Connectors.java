package org.hvdiag.core.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The connectors installed right now, and the one place that finds one by id or by target. */
public record Connectors(List<Connector> all) {
    public Connectors {
        all = List.copyOf(all);
    }

    public Optional<Connector> byId(String id) {
        return all.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The connector by id; one that is not installed is an error that names the installed ones. */
    public Connector require(String id) throws ConnectorException {
        return byId(id).orElseThrow(() -> new ConnectorException("the connector '" + id + "' is not installed (installed: "
                + ids() + ")"));
    }

    /** The connector that reads {@code target}; none is an error that lists the forms they accept. */
    public Connector forTarget(String target) throws ConnectorException {
        for (Connector c : all) {
            if (c.accepts(target)) {
                return c;
            }
        }
        throw new ConnectorException("no installed connector reads '" + target + "'; expected "
                + all.stream().flatMap(c -> c.descriptor().targetForms().stream()).map(TargetForm::example)
                        .collect(Collectors.joining(", ")) + " (a folder or file must exist)");
    }

    /** The local targets to read when the admin names none: each connector's default that exists. */
    public List<String> defaults() {
        List<String> found = new ArrayList<>();
        for (Connector c : all) {
            c.defaultTarget().filter(c::accepts).ifPresent(found::add);
        }
        return found;
    }

    public String ids() {
        return all.isEmpty() ? "none" : all.stream().map(Connector::id).collect(Collectors.joining(", "));
    }
}
