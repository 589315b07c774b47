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

    /*
     * Facts about the host that file-based VMs run on, shared by every file connector: the CLI shows
     * one --host-cores for all of them, so they must be one option with one meaning.
     */

    /** Physical cores of the host that runs a file target's VMs. */
    public static final ConnectorOption HOST_CORES = new ConnectorOption("host-cores", OptionType.COUNT, false,
            "Physical cores of the host that runs these VMs (default: what the folder says, else this machine).");
    /** Logical CPUs of that host. */
    public static final ConnectorOption HOST_THREADS = new ConnectorOption("host-threads", OptionType.COUNT, false,
            "Logical CPUs of that host.");
    /** Memory of that host in MiB. */
    public static final ConnectorOption HOST_MEMORY = new ConnectorOption("host-memory", OptionType.MEBIBYTES, false,
            "Memory of that host in MiB.");

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
