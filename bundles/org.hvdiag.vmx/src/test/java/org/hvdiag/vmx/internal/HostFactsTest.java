package org.hvdiag.vmx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.ObjectError;

class HostFactsTest {
    @TempDir
    Path dir;

    @Test
    void withoutPropertiesTheHostIsThisMachine() {
        HostFacts.Result r = HostFacts.describe(dir, HostFacts.Overrides.NONE);
        Host h = r.host();
        assertEquals("local", h.id());
        assertFalse(h.name().isBlank());
        assertEquals(Runtime.getRuntime().availableProcessors(), h.cpuThreads());
        assertEquals(Runtime.getRuntime().availableProcessors(), h.cpuCores());
        assertTrue(h.memoryMiB() > 64, "memory " + h.memoryMiB());
        assertNull(h.newestHardwareVersion());
        assertEquals(List.of(), r.errors());
    }

    @Test
    void propertiesDescribeTheHostTheFolderCameFrom() {
        Fixtures.write(dir.resolve(HostFacts.PROPERTIES), "name = esx-lab-07\nproduct = VMware Workstation 17.5.2\n"
                + "cores = 16\nthreads = 32\npackages = 2\nmemoryMiB = 262144\nnewestHardwareVersion = vmx-21\n");
        HostFacts.Result r = HostFacts.describe(dir, HostFacts.Overrides.NONE);
        Host h = r.host();
        assertEquals("esx-lab-07", h.name());
        assertEquals("VMware Workstation 17.5.2", h.productVersion());
        assertEquals(16, h.cpuCores());
        assertEquals(32, h.cpuThreads());
        assertEquals(2, h.cpuPackages());
        assertEquals(262144, h.memoryMiB());
        assertEquals(HardwareVersion.vmx(21), h.newestHardwareVersion());
        assertEquals(List.of(), r.errors());
    }

    @Test
    void malformedPropertiesAreErrorsNamingFileAndKey() {
        Path file = Fixtures.write(dir.resolve(HostFacts.PROPERTIES), "cores = sixteen\nthreads = 8\nnewestHardwareVersion = new\n");
        HostFacts.Result r = HostFacts.describe(dir, HostFacts.Overrides.NONE);
        assertEquals(-1, r.host().cpuCores());
        assertEquals(8, r.host().cpuThreads());
        assertNull(r.host().newestHardwareVersion());
        assertEquals(List.of(new ObjectError(file.toString(), "cores", "expected a positive whole number, was 'sixteen'"),
                new ObjectError(file.toString(), "newestHardwareVersion",
                        "not a VMware hardware version: 'new' (expected e.g. vmx-13 or 13)")), r.errors());
    }

    @Test
    void optionsOverrideBoth() throws ConnectorException {
        Fixtures.write(dir.resolve(HostFacts.PROPERTIES), "cores = 16\nthreads = 32\nmemoryMiB = 1000\n");
        HostFacts.Overrides o = HostFacts.overrides(options("host-cores", "4", "host-memory", "65536",
                "host-hw", "vmx-20"));
        Host h = HostFacts.describe(dir, o).host();
        assertEquals(4, h.cpuCores());
        assertEquals(32, h.cpuThreads());
        assertEquals(65536, h.memoryMiB());
        assertEquals(HardwareVersion.vmx(20), h.newestHardwareVersion());
        Host local = HostFacts.describe(dir.resolve("elsewhere"), HostFacts.overrides(options("host-threads", "3"))).host();
        assertEquals(3, local.cpuThreads());
    }

    @Test
    void malformedOptionsAreRefused() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> HostFacts.overrides(options("host-cores", "0")));
        assertEquals("option host-cores: '0' is not a count (expected a whole number of at least 1)", e.getMessage());
        e = assertThrows(ConnectorException.class, () -> HostFacts.overrides(options("host-hw", "v21")));
        assertEquals("option host-hw: not a VMware hardware version: 'v21' (expected e.g. vmx-13 or 13)", e.getMessage());
    }

    private static Endpoint options(String... pairs) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return new Endpoint("folder", m);
    }
}
