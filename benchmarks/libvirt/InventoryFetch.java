import java.util.Arrays;

import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.libvirt.LibvirtConnector;

/**
 * The connector's part of benchmarks/libvirt-1k.sh: opens one libvirt connection, reads the
 * inventory once to warm up (class loading, JIT, the host's capabilities, which the session reads
 * once), then times RUNS reads on that connection. Every read must return EXPECTED VMs and no
 * errors, or it exits with status 1. Prints "median_seconds vms".
 * Args: URI RUNS EXPECTED.
 */
public final class InventoryFetch {
    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int runs = Integer.parseInt(args[1]);
        int expected = Integer.parseInt(args[2]);
        try (Session s = new LibvirtConnector().connect(Endpoint.of(uri), Credentials.none())) {
            check("warm-up", s.inventory(Progress.NONE), expected);
            double[] t = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                Inventory inv = s.inventory(Progress.NONE);
                t[i] = (System.nanoTime() - start) / 1e9;
                check("run " + (i + 1), inv, expected);
            }
            Arrays.sort(t);
            System.out.printf("%.3f %d%n", runs == 0 ? 0.0 : t[runs / 2], expected);
        }
        System.exit(0);
    }

    private static void check(String what, Inventory inv, int expected) {
        if (inv.vms().size() != expected || !inv.errors().isEmpty()) {
            System.err.println(what + ": read " + inv.vms().size() + " VMs (expected " + expected + ") and "
                    + inv.errors().size() + " errors" + (inv.errors().isEmpty() ? "" : ", the first: " + inv.errors().get(0)));
            System.exit(1);
        }
    }
}
