package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;

/**
 * The Hyper-V host onto the model. Its id is the host name the admin connected to (what findings and
 * journals name), its name what Windows calls itself. The newest and oldest configuration versions
 * are those Get-VMHostSupportedVersion lists; the default is where Update-VMVersion takes a VM.
 */
final class HostMapping {
    private HostMapping() {
    }

    static Host toHost(HostRecord r, String hostId) throws HypervJsonException {
        String object = "host " + hostId;
        if (r.supportedVersions().isEmpty()) {
            throw new HypervJsonException(object, "SupportedVersions", "expected at least one configuration version");
        }
        List<HardwareVersion> supported = new ArrayList<>();
        for (String v : r.supportedVersions()) {
            supported.add(version(v, object, "SupportedVersions"));
        }
        return new Host(hostId, r.computerName(), HypervisorKind.HYPERV, r.osVersion(), -1, r.cores(),
                r.logicalProcessorCount(), VmMapping.mib(r.memoryCapacity()), Collections.max(supported), List.of(), false,
                Collections.min(supported), version(r.defaultVersion(), object, "DefaultVersion"));
    }

    private static HardwareVersion version(String text, String object, String field) throws HypervJsonException {
        try {
            return HardwareVersion.parseHyperv(text);
        } catch (IllegalArgumentException e) {
            throw new HypervJsonException(object, field, e.getMessage());
        }
    }
}
