package org.hvdiag.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which filters capture every device plugged into the host. */
class UsbFilterTest {

    @Test
    void emptyFilterMatchesAnyDevice() {
        assertTrue(new UsbFilter("usbfilter:all", "all", -1, -1, "", "", true).matchesAnyDevice());
    }

    @Test
    void anyOneCriterionNarrowsIt() {
        assertFalse(new UsbFilter("f", "", 0x1050, -1, "", "", true).matchesAnyDevice(), "vendor id");
        assertFalse(new UsbFilter("f", "", -1, 0x0407, "", "", true).matchesAnyDevice(), "product id");
        assertFalse(new UsbFilter("f", "", -1, -1, "3", "", true).matchesAnyDevice(), "port");
        assertFalse(new UsbFilter("f", "", -1, -1, "", "", true, "Product=YubiKey").matchesAnyDevice(), "product name");
    }

    @Test
    void switchingOffKeepsEveryCriterion() {
        UsbFilter on = new UsbFilter("usbfilter:keys", "keys", -1, -1, "", "", true, "SerialNumber=123");
        UsbFilter off = on.withActive(false);
        assertFalse(off.active());
        assertEquals(new UsbFilter("usbfilter:keys", "keys", -1, -1, "", "", false, "SerialNumber=123"), off);
    }
}
