package org.hvdiag.cli.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Connectors;

/**
 * The command-line options of every installed connector, built from their descriptors: a connector
 * added as a bundle brings its options to {@code audit}, {@code inventory}, {@code fix} and
 * {@code undo} without a line here. Secret options are never taken on the command line, where other
 * users see them in ps; their values come from the environment or a prompt.
 */
final class ConnectorOptions {
    private final Map<String, ConnectorOption> known = new LinkedHashMap<>();
    private final Map<String, String> given = new LinkedHashMap<>();

    /** Adds each installed connector's options to {@code command}, once per name. */
    static ConnectorOptions addTo(CommandSpec command, Connectors installed) {
        ConnectorOptions o = new ConnectorOptions();
        for (Connector c : installed.all()) {
            for (ConnectorOption option : c.descriptor().options()) {
                if (option.secret() || o.known.containsKey(option.name())) {
                    continue;
                }
                o.known.put(option.name(), option);
                command.addOption(OptionSpec.builder(option.flag())
                        .type(String.class)
                        .paramLabel(option.type().placeholder())
                        .description("[" + ids(installed, option) + "] " + option.help())
                        .setter(o.setter(option))
                        .build());
            }
        }
        return o;
    }

    private ISetter setter(ConnectorOption option) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                if (value == null) {
                    given.remove(option.name());
                } else {
                    try {
                        given.put(option.name(), option.type().canonical(value.toString()));
                    } catch (IllegalArgumentException e) {
                        throw new InputError(option.flag() + ": " + e.getMessage());
                    }
                }
                return null;
            }
        };
    }

    private static String ids(Connectors installed, ConnectorOption option) {
        return String.join(", ", installed.all().stream()
                .filter(c -> c.descriptor().option(option.name()).isPresent()).map(Connector::id).toList());
    }

    private static String usedBy(Connectors installed, ConnectorOption option) {
        return ids(installed, option) + " targets";
    }

    /** The options given that {@code connector} takes, by name, for its endpoint. */
    Map<String, String> forConnector(Connector connector) {
        Map<String, String> mine = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (connector.descriptor().option(name).isPresent()) {
                mine.put(name, value);
            }
        });
        return mine;
    }

    /** An option none of the targets' connectors takes is a mistake the admin should hear of, not a silent no-op. */
    void requireUsedBy(List<Connector> connectors, Connectors installed) {
        for (String name : given.keySet()) {
            if (connectors.stream().noneMatch(c -> c.descriptor().option(name).isPresent())) {
                throw new InputError("--" + name + " does not apply to " + String.join(", ",
                        connectors.stream().map(c -> c.id()).distinct().toList()) + " targets; it is for "
                        + usedBy(installed, known.get(name)));
            }
        }
    }

    /** The given value of an option, for messages such as the undo hint; null when not given. */
    String value(ConnectorOption option) {
        return given.get(option.name());
    }
}
