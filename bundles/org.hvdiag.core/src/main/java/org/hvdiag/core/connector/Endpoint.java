package org.hvdiag.core.connector;

import java.util.Map;
import java.util.Objects;

/**
 * What to connect to: a target as the admin typed it, and connector options (a certificate
 * thumbprint, host facts for file targets). Never holds a password.
 */
public record Endpoint(String target, Map<String, String> options) {
    public Endpoint {
        Objects.requireNonNull(target, "target");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static Endpoint of(String target) {
        return new Endpoint(target, Map.of());
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
