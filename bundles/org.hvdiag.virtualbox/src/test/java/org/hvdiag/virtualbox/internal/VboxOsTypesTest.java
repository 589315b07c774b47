package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.GuestOs.Family;

class VboxOsTypesTest {

    @ParameterizedTest
    @CsvSource({
        "WindowsXP, WINDOWS, 51", "Windows7, WINDOWS, 61", "Windows7_64, WINDOWS, 61", "Windows8, WINDOWS, 62",
        "Windows81_64, WINDOWS, 63", "Windows2012_64, WINDOWS, 62", "Windows10_64, WINDOWS, 100",
        "Windows11_64, WINDOWS, 100", "Windows2016_64, WINDOWS, 100", "Windows2022_64, WINDOWS, 100",
        "Linux26_64, LINUX, 206", "Linux24, LINUX, 204", "Linux22, LINUX, 202", "Linux_64, LINUX, -1",
        "Ubuntu_64, LINUX, -1", "Debian12_64, LINUX, -1", "RedHat, LINUX, -1", "Oracle_64, LINUX, -1",
        "Ubuntu_arm64, LINUX, -1", "MacOS1013_64, MACOS, 17", "MacOS106, MACOS, 10", "MacOS_64, MACOS, -1",
        "FreeBSD_64, OTHER, -1", "Other, OTHER, -1", "Solaris11_64, OTHER, -1"
    })
    void familyAndRelease(String id, Family family, int release) {
        GuestOs os = VboxOsTypes.of(id);
        assertEquals(id, os.id());
        assertEquals(family, os.family());
        assertEquals(release, os.release());
    }

    @Test
    void serversAndNames() {
        assertTrue(VboxOsTypes.of("Windows2019_64").server());
        assertFalse(VboxOsTypes.of("Windows10_64").server());
        assertEquals("Windows 7 (64-bit)", VboxOsTypes.of("Windows7_64").displayName());
        assertEquals("macOS 10.13 (64-bit)", VboxOsTypes.of("MacOS1013_64").displayName());
        assertEquals(GuestOs.UNKNOWN, VboxOsTypes.of(""));
        assertEquals(Family.WINDOWS, VboxOsTypes.of("Windows2030_64").family(), "a Windows id newer than these rules");
    }
}
