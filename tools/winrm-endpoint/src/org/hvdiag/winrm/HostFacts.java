package org.hvdiag.winrm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hyper-V host as the inventory reports it: Get-VMHost, the cores of Win32_Processor, the OS
 * version, and Get-VMHostSupportedVersion (all and -Default).
 */
record HostFacts(String computerName, int logicalProcessorCount, int cores, long memoryCapacity, String osVersion,
        String defaultVersion, List<String> supportedVersions) {

    static HostFacts from(Map<String, Object> doc) {
        Map<String, Object> h = Fields.object(doc, "Host", "the fleet file");
        String where = "Host";
        HostFacts facts = new HostFacts(Fields.string(h, "ComputerName", where),
                Fields.integer(h, "LogicalProcessorCount", where, 1, 4096), Fields.integer(h, "Cores", where, 1, 4096),
                Fields.number(h, "MemoryCapacity", where), Fields.string(h, "OsVersion", where),
                Fields.string(doc, "DefaultVersion", "the fleet file"), Fields.strings(doc, "SupportedVersions", "the fleet file"));
        if (!facts.supportedVersions.contains(facts.defaultVersion)) {
            throw new IllegalArgumentException("DefaultVersion " + facts.defaultVersion + " is not among SupportedVersions "
                    + facts.supportedVersions);
        }
        return facts;
    }

    HostFacts withComputerName(String name) {
        return new HostFacts(name, logicalProcessorCount, cores, memoryCapacity, osVersion, defaultVersion, supportedVersions);
    }

    Map<String, Object> hostJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ComputerName", computerName);
        m.put("LogicalProcessorCount", logicalProcessorCount);
        m.put("Cores", cores);
        m.put("MemoryCapacity", memoryCapacity);
        m.put("OsVersion", osVersion);
        return m;
    }
}
