package org.hvdiag.cli;

import java.util.List;

import org.hvdiag.audit.Rule;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.Connectors;

/** The connectors and rules a run can use: from the OSGi service registry, or listed by a test. */
public record Catalog(List<Connector> connectors, List<Rule> rules) {
    public Catalog {
        connectors = List.copyOf(connectors);
        rules = List.copyOf(rules);
    }

    public Connectors installed() {
        return new Connectors(connectors);
    }
}
