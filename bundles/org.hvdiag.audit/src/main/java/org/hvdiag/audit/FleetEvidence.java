package org.hvdiag.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;

/** The evidence read for an audit: the window it covered and each VM's events, by target and VM id. */
public record FleetEvidence(EvidenceWindow window, Map<String, VmEvidence> byVm) {
    public FleetEvidence {
        Objects.requireNonNull(window, "window");
        byVm = Map.copyOf(byVm);
    }

    /** VM ids are unique within one target only. */
    public static String vmKey(String target, String vmId) {
        return target + '\u0000' + vmId;
    }

    public VmEvidence of(String target, String vmId) {
        return byVm.get(vmKey(target, vmId));
    }

    /** Collects per-target reads into one. */
    public static final class Builder {
        private final EvidenceWindow window;
        private final Map<String, VmEvidence> byVm = new HashMap<>();

        public Builder(EvidenceWindow window) {
            this.window = window;
        }

        public Builder add(String target, List<VmEvidence> read) {
            for (VmEvidence e : read) {
                byVm.put(vmKey(target, e.vmId()), e);
            }
            return this;
        }

        public FleetEvidence build() {
            return new FleetEvidence(window, byVm);
        }
    }
}
