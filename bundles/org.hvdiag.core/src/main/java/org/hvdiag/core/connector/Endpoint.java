package org.hvdiag.core.connector;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to connect to: a target as the admin typed it, and connector options by
 * {@link ConnectorOption#name()} (a certificate thumbprint, host facts for file targets). Never
 * holds a password.
 */
public record Endpoint(String target, Map<String, String> options) {
    public Endpoint {
        Objects.requireNonNull(target, "target");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static Endpoint of(String target) {
        return new Endpoint(target, Map.of());
    }

    /** The option's value in its canonical form, if given; a malformed value is an error naming the option. */
    public Optional<String> option(ConnectorOption option) throws ConnectorException {
        String v = options.get(option.name());
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(option.type().canonical(v));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("option " + option.name() + ": " + e.getMessage());
        }
    }
}
