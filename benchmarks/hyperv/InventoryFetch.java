import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.Inventory;

import org.hvdiag.hyperv.HypervConnector;

/**
 * The connector's part of benchmarks/hyperv-2k.sh: opens one session as an admin's audit does
 * (winrm+https, the endpoint's certificate pinned by its thumbprint), then reads the inventory once
 * per line on stdin and answers "seconds vms" on stdout, so that the script can alternate the
 * connector's reads with curl's in one warm JVM. Exits at the end of stdin.
 * Args: TARGET THUMBPRINT; the password comes from HVDIAG_PASSWORD.
 */
public final class InventoryFetch {
    public static void main(String[] args) throws Exception {
        String target = args[0];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Session s = new HypervConnector().connect(new Endpoint(target, Map.of(ConnectorOption.THUMBPRINT.name(), args[1])),
                new Credentials(TargetForm.Url.userOf(target), System.getenv("HVDIAG_PASSWORD").toCharArray()))) {
            while (in.readLine() != null) {
                long start = System.nanoTime();
                Inventory inv = s.inventory(Progress.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!inv.errors().isEmpty()) {
                    throw new IllegalStateException(inv.errors().size() + " unreadable objects, first " + inv.errors().get(0));
                }
                System.out.printf("%.4f %d%n", seconds, inv.vms().size());
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
