package org.hvdiag.hyperv.internal;

import java.util.List;

/** The host part of the inventory JSON: Get-VMHost, the processors, and Get-VMHostSupportedVersion. */
record HostRecord(String computerName, int logicalProcessorCount, int cores, long memoryCapacity, String osVersion,
        String defaultVersion, List<String> supportedVersions) {
    HostRecord {
        supportedVersions = List.copyOf(supportedVersions);
    }
}
