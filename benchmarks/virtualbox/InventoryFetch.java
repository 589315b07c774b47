import java.util.Arrays;
import java.util.Map;

import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.TargetForm;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.virtualbox.VirtualBoxConnector;
import org.hvdiag.virtualbox.internal.VboxLiveSession;

/**
 * The connector's part of benchmarks/vbox-1k.sh: logs on once, reads the inventory once to warm up
 * (class loading, JIT; the endpoint records these requests for the curl floor), then times RUNS
 * reads. Prints "median_seconds vms calls_per_read". With "keep" as 3rd argument it exits without
 * logging off, so the recorded references stay valid for the floor's replay.
 * Args: TARGET RUNS [keep]; the password comes from HVDIAG_PASSWORD.
 */
public final class InventoryFetch {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[1]);
        boolean keep = args.length > 2 && args[2].equals("keep");
        VboxLiveSession s = (VboxLiveSession) new VirtualBoxConnector().connect(new Endpoint(args[0], Map.of()),
                new Credentials(TargetForm.Url.userOf(args[0]), System.getenv("HVDIAG_PASSWORD").toCharArray()));
        long c0 = s.calls();
        Inventory first = s.inventory(Progress.NONE);
        long perRead = s.calls() - c0;
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Inventory inv = s.inventory(Progress.NONE);
            t[i] = (System.nanoTime() - start) / 1e9;
            if (inv.vms().size() != first.vms().size()) {
                throw new IllegalStateException("run " + i + " read " + inv.vms().size() + " VMs, the first " + first.vms().size());
            }
        }
        Arrays.sort(t);
        System.out.printf("%.3f %d %d%n", runs == 0 ? 0.0 : t[runs / 2], first.vms().size(), perRead);
        if (!keep) {
            s.close();
        }
        System.exit(0);
    }
}
