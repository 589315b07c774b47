package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.hvdiag.core.model.GuestOs;

/** OSName as guests report it over Key-Value Pair Exchange, read into what the rules test. */
class HypervGuestOsTest {

    @ParameterizedTest
    @CsvSource({
        "Windows 7 Professional,WINDOWS,61,false",
        "Windows Vista Business,WINDOWS,60,false",
        "Windows 8 Pro,WINDOWS,62,false",
        "Windows 8.1 Enterprise,WINDOWS,63,false",
        "Windows 10 Enterprise,WINDOWS,100,false",
        "Windows 11 Pro,WINDOWS,100,false",
        "Windows Server 2008 R2 Standard,WINDOWS,61,true",
        "Windows Server 2012 Datacenter,WINDOWS,62,true",
        "Windows Server 2012 R2 Datacenter,WINDOWS,63,true",
        "Windows Server 2016 Standard,WINDOWS,100,true",
        "Windows Server 2022 Datacenter,WINDOWS,100,true",
        "Ubuntu 22.04.3 LTS,LINUX,-1,false",
        "Red Hat Enterprise Linux 9.2 (Plow),LINUX,-1,false",
        "Debian GNU/Linux 12 (bookworm),LINUX,-1,false",
        "FreeBSD 14.0-RELEASE,OTHER,-1,false",
    })
    void osNamesMapToFamilyReleaseAndServer(String osName, GuestOs.Family family, int release, boolean server) {
        GuestOs os = HypervGuestOs.of(osName);
        assertEquals(family, os.family());
        assertEquals(release, os.release());
        assertEquals(server, os.server());
        assertEquals(osName, os.displayName(), "the admin sees the guest's own words");
    }

    @Test
    void noOsNameIsUnknown() {
        assertEquals(GuestOs.UNKNOWN, HypervGuestOs.of(null));
        assertEquals(GuestOs.UNKNOWN, HypervGuestOs.of("  "));
    }
}
