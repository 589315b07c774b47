package org.hvdiag.vmx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultVmFolderTest {
    @TempDir
    Path home;

    @Test
    void productDefaults() {
        assertEquals(home + "/vmware", DefaultVmFolder.of("Linux", home.toString(), Map.of()));
        assertEquals("C:\\Users\\ann\\Documents\\Virtual Machines",
                DefaultVmFolder.of("Windows 11", "C:\\Users\\fallback", Map.of("USERPROFILE", "C:\\Users\\ann")));
        assertEquals("C:\\Users\\fallback\\Documents\\Virtual Machines",
                DefaultVmFolder.of("Windows Server 2022", "C:\\Users\\fallback", Map.of()));
        assertEquals(home + "/Virtual Machines.localized", DefaultVmFolder.of("Mac OS X", home.toString(), Map.of()));
    }

    @Test
    void theAdminsChoiceInVmwarePreferencesWins() {
        Fixtures.write(home.resolve(".vmware/preferences"), ".encoding = \"UTF-8\"\npref.keyboardAndMouse.vmHotKey.enabled = \"FALSE\"\n"
                + "prefvmx.defaultVMPath = \"/srv/vms\"\n");
        assertEquals("/srv/vms", DefaultVmFolder.of("Linux", home.toString(), Map.of()));
        Fixtures.write(home.resolve("Library/Preferences/VMware Fusion/preferences"), "prefvmx.defaultVMPath = \"/Volumes/VMs\"\n");
        assertEquals("/Volumes/VMs", DefaultVmFolder.of("Mac OS X", home.toString(), Map.of()));
    }

    @Test
    void aBrokenPreferencesFileLeavesTheDefault() {
        Fixtures.write(home.resolve(".vmware/preferences"), "prefvmx.defaultVMPath = \"/srv/vms\n");
        assertEquals(home + "/vmware", DefaultVmFolder.of("Linux", home.toString(), Map.of()));
    }
}
