package org.hvdiag.ui.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import org.hvdiag.audit.Rule;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.Connectors;

/**
 * The connectors and rules the service registry holds right now: a bundle installed into the
 * workbench adds a connector kind to the Connections wizard and a rule to the next audit.
 */
@Component(service = Installed.class)
public final class Installed {
    private final List<Connector> connectors = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConnector(Connector c) {
        connectors.add(c);
    }

    void removeConnector(Connector c) {
        connectors.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRule(Rule r) {
        rules.add(r);
    }

    void removeRule(Rule r) {
        rules.remove(r);
    }

    /** The connectors installed now; core's {@link Connectors} finds one by id or target, nothing here does. */
    public Connectors connectors() {
        return new Connectors(connectors);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }
}
