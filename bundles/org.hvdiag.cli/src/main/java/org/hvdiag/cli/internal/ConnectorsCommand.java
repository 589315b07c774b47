package org.hvdiag.cli.internal;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import org.hvdiag.cli.Catalog;
import org.hvdiag.core.connector.Connector;
import org.hvdiag.core.connector.ConnectorDescriptor;
import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.TargetForm;

@Command(name = "connectors", mixinStandardHelpOptions = true,
        description = "List the installed connectors: the hypervisor each reads, the targets it accepts, whether it needs "
                + "an account, and its options.")
public final class ConnectorsCommand implements Callable<Integer> {
    private final Catalog catalog;
    private final PrintStream out;

    public ConnectorsCommand(Catalog catalog, PrintStream out) {
        this.catalog = catalog;
        this.out = out;
    }

    @Override
    public Integer call() {
        for (Connector c : catalog.connectors()) {
            ConnectorDescriptor d = c.descriptor();
            out.println(d.id() + "  " + d.hypervisor().displayName());
            out.println("    " + d.summary());
            for (TargetForm f : d.targetForms()) {
                out.println("    target: " + f.example());
            }
            c.defaultTarget().ifPresent(t -> out.println("    default target: " + t + (c.accepts(t) ? "" : " (not on this machine)")));
            out.println("    account: " + (d.needsCredentials()
                    ? "user in the URL, password from " + Targets.PASSWORD_VARIABLE + " or a prompt" : "none (files are read as you)"));
            for (ConnectorOption o : d.options()) {
                out.println("    " + o.flag() + " " + o.type().placeholder() + (o.secret() ? " (secret)" : "") + "  " + o.help());
            }
            out.println();
        }
        if (catalog.connectors().isEmpty()) {
            out.println("No connectors are installed.");
        }
        return ExitCode.CLEAN;
    }
}
