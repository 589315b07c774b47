package org.hvdiag.core.connector;

import java.util.Objects;

/**
 * A setting a connector takes besides the target: a trusted certificate, facts about the host of
 * file-based VMs. The name is what the CLI shows as {@code --NAME} and what the workbench stores; a
 * secret option is kept in secure storage and never printed, journalled or logged.
 */
public record ConnectorOption(String name, OptionType type, boolean secret, String help) {

    /** The certificate an admin trusts by its SHA-256 thumbprint; shared by every TLS connector. */
    public static final ConnectorOption THUMBPRINT = new ConnectorOption("thumbprint", OptionType.THUMBPRINT, false,
            "SHA-256 thumbprint of the server certificate you trust (as shown when it is refused).");

    public ConnectorOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name '" + name + "' must be lower case words joined by '-'");
        }
    }

    /** The command-line flag: "--thumbprint". */
    public String flag() {
        return "--" + name;
    }
}
