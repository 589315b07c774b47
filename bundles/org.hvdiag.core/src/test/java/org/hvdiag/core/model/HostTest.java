package org.hvdiag.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Extension packs: "none installed" and "nobody knows" must not read alike. */
class HostTest {

    static Host vbox(List<String> packs, boolean known) {
        return new Host("h", "vbox01", HypervisorKind.VIRTUALBOX, "6.1.50", 1, 8, 16, 32768, null, packs, known);
    }

    @Test
    void noneInstalledIsKnown() {
        Host h = vbox(List.of(), true);
        assertTrue(h.extensionPacksKnown());
        assertEquals(List.of(), h.extensionPacks());
    }

    @Test
    void theShortConstructorKnowsPacksOnlyWhenSomeAreListed() {
        Host unknown = new Host("h", "vbox01", HypervisorKind.VIRTUALBOX, "6.1.50", 1, 8, 16, 32768, null, List.of());
        assertFalse(unknown.extensionPacksKnown());
        Host nullList = new Host("h", "vbox01", HypervisorKind.VIRTUALBOX, "6.1.50", 1, 8, 16, 32768, null, null);
        assertFalse(nullList.extensionPacksKnown());
        Host listed = new Host("h", "vbox01", HypervisorKind.VIRTUALBOX, "6.1.50", 1, 8, 16, 32768, null,
                List.of("Oracle VM VirtualBox Extension Pack 6.1.50r161033"));
        assertTrue(listed.extensionPacksKnown());
    }

    @Test
    void packsListedButUnknownIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> vbox(List.of("Oracle VirtualBox Extension Pack 7.0.14"), false));
    }
}
