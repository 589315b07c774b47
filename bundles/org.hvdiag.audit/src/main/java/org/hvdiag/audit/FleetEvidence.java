package org.hvdiag.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;

/**
 * The evidence read for an audit: the window it covered and each VM's events, in the order the
 * targets and their VMs were read, found again by target and VM id.
 */
public final class FleetEvidence {
    /** One VM's evidence and the target it was read from. */
    public record Entry(String target, VmEvidence evidence) {
        public Entry {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    private final EvidenceWindow window;
    private final Map<String, VmEvidence> byVm;
    private final List<Entry> entries;

    private FleetEvidence(EvidenceWindow window, List<Entry> entries) {
        this.window = Objects.requireNonNull(window, "window");
        this.entries = List.copyOf(entries);
        Map<String, VmEvidence> index = new LinkedHashMap<>();
        for (Entry e : entries) {
            index.put(vmKey(e.target(), e.evidence().vmId()), e.evidence());
        }
        this.byVm = Collections.unmodifiableMap(index);
    }

    /** VM ids are unique within one target only. */
    public static String vmKey(String target, String vmId) {
        return target + '\u0000' + vmId;
    }

    public EvidenceWindow window() {
        return window;
    }

    /** Every VM's evidence, keyed by {@link #vmKey}, in read order. */
    public Map<String, VmEvidence> byVm() {
        return byVm;
    }

    /** Every VM's evidence with its target, in read order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The VM's evidence, or null when none was read for it. */
    public VmEvidence of(String target, String vmId) {
        return byVm.get(vmKey(target, vmId));
    }

    /** Collects per-target reads into one. */
    public static final class Builder {
        private final EvidenceWindow window;
        private final List<Entry> entries = new ArrayList<>();

        public Builder(EvidenceWindow window) {
            this.window = window;
        }

        public Builder add(String target, List<VmEvidence> read) {
            for (VmEvidence e : read) {
                entries.add(new Entry(target, e));
            }
            return this;
        }

        public FleetEvidence build() {
            return new FleetEvidence(window, entries);
        }
    }
}
