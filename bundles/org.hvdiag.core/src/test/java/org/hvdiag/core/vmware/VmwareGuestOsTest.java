package org.hvdiag.core.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.GuestOs.Family;

class VmwareGuestOsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // id,                      family,  release, server
            "winxppro,                 WINDOWS, 51,  false",
            "winNetEnterprise,         WINDOWS, 51,  true",
            "longhorn-64,              WINDOWS, 60,  true",
            "winvista-64,              WINDOWS, 60,  false",
            "windows7-64,              WINDOWS, 61,  false",
            "windows7srv-64,           WINDOWS, 61,  true",
            "windows8-64,              WINDOWS, 62,  false",
            "windows8srv-64,           WINDOWS, 62,  true",
            "windows9-64,              WINDOWS, 100, false",
            "windows9srv-64,           WINDOWS, 100, true",
            "windows2019srv-64,        WINDOWS, 100, true",
            "windows2019srvNext-64,    WINDOWS, 100, true",
            "windows11-64,             WINDOWS, 100, false",
            "ubuntu-64,                LINUX,   -1,  false",
            "rhel5-64,                 LINUX,   206, true",
            "rhel6-64,                 LINUX,   206, true",
            "rhel7-64,                 LINUX,   300, true",
            "rhel8-64,                 LINUX,   400, true",
            "debian10-64,              LINUX,   400, false",
            "centos7-64,               LINUX,   300, true",
            "sles10-64,                LINUX,   206, true",
            "sles15-64,                LINUX,   400, true",
            "oraclelinux7-64,          LINUX,   300, true",
            "other24xlinux,            LINUX,   204, false",
            "other26xlinux-64,         LINUX,   206, false",
            "other3xlinux-64,          LINUX,   300, false",
            "other4xlinux-64,          LINUX,   400, false",
            "other5xlinux-64,          LINUX,   500, false",
            "darwin19-64,              MACOS,   19,  false",
            "darwin20-64,              MACOS,   20,  false",
            "freebsd-64,               OTHER,   -1,  false",
    })
    void vmxIds(String id, Family family, int release, boolean server) {
        GuestOs os = VmwareGuestOs.of(id);
        assertEquals(id, os.id());
        assertEquals(family, os.family(), id);
        assertEquals(release, os.release(), id);
        assertEquals(server, os.server(), id);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "windows9Server64Guest,      windows9srv-64",
            "windows9_64Guest,           windows9-64",
            "windows7_64Guest,           windows7-64",
            "windows7Server64Guest,      windows7srv-64",
            "windows8Server64Guest,      windows8srv-64",
            "winLonghorn64Guest,         longhorn-64",
            "winNetEnterpriseGuest,      winNetEnterprise",
            "winXPProGuest,              winxppro",
            "windows2019srv_64Guest,     windows2019srv-64",
            "windows2019srvNext_64Guest, windows2019srvNext-64",
            "windows11_64Guest,          windows11-64",
            "rhel7_64Guest,              rhel7-64",
            "centos7_64Guest,            centos7-64",
            "sles15_64Guest,             sles15-64",
            "debian10_64Guest,           debian10-64",
            "ubuntu64Guest,              ubuntu-64",
            "other26xLinux64Guest,       other26xlinux-64",
            "other3xLinux64Guest,        other3xlinux-64",
            "darwin20_64Guest,           darwin20-64",
            "otherGuest64,               other-64",
            "vmwarePhoton64Guest,        vmware-photon-64",
    })
    void vsphereIdsMeanTheSameAsVmxIds(String vsphereId, String vmxId) {
        GuestOs fromApi = VmwareGuestOs.of(vsphereId);
        GuestOs fromFile = VmwareGuestOs.of(vmxId);
        assertTrue(VmwareGuestOs.isKnown(vsphereId), vsphereId);
        assertEquals(vsphereId, fromApi.id());
        assertEquals(fromFile.family(), fromApi.family());
        assertEquals(fromFile.release(), fromApi.release());
        assertEquals(fromFile.server(), fromApi.server());
        assertEquals(fromFile.displayName(), fromApi.displayName());
    }

    @Test
    void displayNamesSayWhatAnAdminSees() {
        assertEquals("Windows Server 2008 R2 (64-bit)", VmwareGuestOs.of("windows7srv-64").displayName());
        assertEquals("Windows Server 2022 (64-bit)", VmwareGuestOs.of("windows2019srvNext-64").displayName());
        assertEquals("Windows 10 (64-bit)", VmwareGuestOs.of("windows9-64").displayName());
        assertEquals("macOS 11 (64-bit)", VmwareGuestOs.of("darwin20-64").displayName());
        assertEquals("macOS 10.15 (64-bit)", VmwareGuestOs.of("darwin19-64").displayName());
    }

    @Test
    void lookupIgnoresCase() {
        assertEquals(100, VmwareGuestOs.of("WINDOWS9SRV-64").release());
        assertTrue(VmwareGuestOs.of("Windows9Srv-64").server());
    }

    @Test
    void unknownIdsAreOtherWithUnknownRelease() {
        GuestOs os = VmwareGuestOs.of("plan9-64");
        assertEquals("plan9-64", os.id());
        assertEquals(Family.OTHER, os.family());
        assertEquals(-1, os.release());
        assertFalse(os.server());
        assertFalse(VmwareGuestOs.isKnown("plan9-64"));
    }

    @Test
    void emptyAndNullAreUnknown() {
        assertSame(GuestOs.UNKNOWN, VmwareGuestOs.of(""));
        assertSame(GuestOs.UNKNOWN, VmwareGuestOs.of(null));
    }

    @Test
    void xhciKernelBoundaryIsOnTheOldSideForTwoSixKernels() {
        // xHCI passthrough needs Linux 2.6.35; RHEL 6 ships 2.6.32, SLES 10 2.6.16: both must stay below 300.
        assertTrue(VmwareGuestOs.of("rhel6-64").release() < 300);
        assertTrue(VmwareGuestOs.of("sles10").release() < 300);
        assertTrue(VmwareGuestOs.of("centos6-64").release() < 300);
        assertTrue(VmwareGuestOs.of("rhel7-64").release() >= 300);
    }

    @Test
    void keyFoldsBothSpellings() {
        assertEquals("windows764", VmwareGuestOs.key("windows7_64Guest"));
        assertEquals("windows764", VmwareGuestOs.key("windows7-64"));
        assertEquals("other64", VmwareGuestOs.key("otherGuest64"));
        assertEquals("winnetenterprise", VmwareGuestOs.key("winNetEnterpriseGuest"));
    }
}
