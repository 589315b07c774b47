package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestOsMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aReportOutlivesTheSessionPerHostAndVm() {
        Path file = dir.resolve("sub/guests.json");
        GuestOsMemory m = GuestOsMemory.at(file);
        m.reported("hv01", "vm-1", "Ubuntu 22.04.3 LTS", Instant.parse("2026-12-01T10:00:00Z"));
        m.save();
        GuestOsMemory again = GuestOsMemory.at(file);
        assertEquals(new GuestOsMemory.Report("Ubuntu 22.04.3 LTS", "2026-12-01T10:00:00Z"), again.last("hv01", "vm-1"));
        assertNull(again.last("hv02", "vm-1"), "another host's VM with the same id is another VM");
        assertNull(again.last("hv01", "vm-2"));
    }

    @Test
    void theNewestReportWins() {
        GuestOsMemory m = GuestOsMemory.at(dir.resolve("g.json"));
        m.reported("hv01", "vm-1", "Windows 7 Enterprise", Instant.parse("2026-01-01T00:00:00Z"));
        m.reported("hv01", "vm-1", "Windows 10 Enterprise", Instant.parse("2026-06-01T00:00:00Z"));
        assertEquals("Windows 10 Enterprise", m.last("hv01", "vm-1").guestOs());
    }

    @Test
    void aDamagedFileCountsAsNoMemoryAndIsReplacedOnTheNextSave() throws Exception {
        Path file = dir.resolve("g.json");
        Files.writeString(file, "{ not json");
        GuestOsMemory m = GuestOsMemory.at(file);
        assertNull(m.last("hv01", "vm-1"));
        m.reported("hv01", "vm-1", "Debian GNU/Linux 12 (bookworm)", Instant.parse("2026-12-01T10:00:00Z"));
        m.save();
        assertEquals("Debian GNU/Linux 12 (bookworm)", GuestOsMemory.at(file).last("hv01", "vm-1").guestOs());
    }
}
