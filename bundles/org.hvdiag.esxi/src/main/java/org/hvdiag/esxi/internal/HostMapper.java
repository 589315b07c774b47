package org.hvdiag.esxi.internal;

import java.util.List;
import java.util.Map;

import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;

/** A HostSystem's hardware summary and ESXi version, mapped into the model. */
final class HostMapper {
    private HostMapper() {
    }

    static Host map(ObjectProperties o) {
        Map<String, Object> p = o.values();
        String version = VmMapper.text(p.get(VmProperties.HOST_PRODUCT));
        long bytes = VmMapper.number(p.get(VmProperties.HOST_MEMORY), -1);
        return new Host(o.id(), VmMapper.text(p.get(VmProperties.NAME)), HypervisorKind.VSPHERE,
                version.isEmpty() ? "" : "ESXi " + version,
                (int) VmMapper.number(p.get(VmProperties.HOST_PACKAGES), -1),
                (int) VmMapper.number(p.get(VmProperties.HOST_CORES), -1),
                (int) VmMapper.number(p.get(VmProperties.HOST_THREADS), -1),
                bytes < 0 ? -1 : bytes >> 20, HardwareByRelease.newestFor(version), List.of());
    }
}
