package org.hvdiag.vmx;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/**
 * Run in a child JVM with a small heap by {@link GigabyteLogTest}: reads the evidence of the one VM
 * in a folder the way the product does (VmxConnector, VmxSession.evidence) and prints what it read
 * and the heap it needed, one "key=value" per line.
 */
public final class GigabyteLogRead {
    private GigabyteLogRead() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        long maxBytes = Long.parseLong(args[1]);
        EvidenceWindow window = new EvidenceWindow(Instant.parse(args[2]), Instant.parse(args[3]), maxBytes);
        VmEvidence e;
        try (Session s = new VmxConnector().connect(Endpoint.of(folder.toString()), Credentials.none())) {
            List<Vm> vms = s.inventory(Progress.NONE).vms();
            e = s.evidence(vms, window, Progress.NONE).get(0);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("bytesRead=" + e.bytesRead());
        System.out.println("events=" + e.events().size());
        System.out.println("kinds=" + String.join(",", e.events().stream().map(v -> v.kind().label()).toList()));
        System.out.println("notes=" + String.join(" | ", e.notes()));
        System.out.println("peakHeap=" + peak);
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
