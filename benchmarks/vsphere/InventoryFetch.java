import java.util.Arrays;
import java.util.Map;

import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.esxi.VsphereConnector;

/**
 * (b) of benchmarks/vsphere-10k.sh: the connector's fetch and mapping in a warm JVM. Logs in once,
 * then times Session.inventory() (views, paged RetrievePropertiesEx, mapping into the model).
 * Args: TARGET THUMBPRINT RUNS; the password comes from HVDIAG_PASSWORD.
 */
public final class InventoryFetch {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[2]);
        try (Session s = new VsphereConnector().connect(new Endpoint(args[0], Map.of(ConnectorOption.THUMBPRINT.name(), args[1])),
                new Credentials(TargetForm.Url.userOf(args[0]), System.getenv("HVDIAG_PASSWORD").toCharArray()))) {
            s.inventory(Progress.NONE); // warm-up: class loading and JIT, as the floor's first curl run warms the server
            double[] t = new double[runs];
            int vms = 0;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                Inventory inv = s.inventory(Progress.NONE);
                t[i] = (System.nanoTime() - start) / 1e9;
                vms = inv.vms().size();
            }
            Arrays.sort(t);
            System.out.printf("%.3f %d%n", t[runs / 2], vms);
        }
    }
}
