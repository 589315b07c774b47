package org.hvdiag.core.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.UsbFilter;

class VmwareAutoconnectTest {

    @Test
    void readsVendorProductNameAndPort() {
        UsbFilter f = VmwareAutoconnect.parse("usb.autoConnect.device0", "name:SanDisk\\ Cruzer vid:0781 pid:0x5567").orElseThrow().filter();
        assertEquals("SanDisk Cruzer", f.name());
        assertEquals(0x0781, f.vendorId());
        assertEquals(0x5567, f.productId());
        assertFalse(f.matchesAnyDevice());
        UsbFilter byPort = VmwareAutoconnect.parse("usb.autoConnect.device1", "path:1/2/3 autoclean:1").orElseThrow().filter();
        assertEquals("1/2/3", byPort.port());
        assertFalse(byPort.matchesAnyDevice(), "a port restriction is a restriction");
    }

    @Test
    void namesWhatItCannotRead() {
        VmwareAutoconnect.Rule r = VmwareAutoconnect.parse("usb.autoConnect.device2", "vid:xyz pid:0x12345").orElseThrow();
        assertEquals(List.of("vid:XXXX with a hexadecimal vendor id, e.g. vid:0x0781",
                "pid:XXXX with a hexadecimal product id, e.g. pid:0x5567"), r.problems());
        assertTrue(r.filter().matchesAnyDevice());
    }

    @Test
    void anEmptyEntryIsNoRule() {
        assertTrue(VmwareAutoconnect.parse("usb.autoConnect.device0", "").isEmpty());
        assertTrue(VmwareAutoconnect.parse("usb.autoConnect.device0", " \t ").isEmpty());
    }

    @Test
    void tokensAndHexadecimal() {
        assertEquals(List.of("name:a b", "vid:1"), VmwareAutoconnect.tokens("name:a\\ b  vid:1"));
        assertEquals(0x0781, VmwareAutoconnect.hex16("0x0781"));
        assertEquals(0x0781, VmwareAutoconnect.hex16("0781"));
        assertEquals(0xc52b, VmwareAutoconnect.hex16("0XC52B"));
        assertEquals(-1, VmwareAutoconnect.hex16("0x12345"));
        assertEquals(-1, VmwareAutoconnect.hex16(""));
        assertEquals(-1, VmwareAutoconnect.hex16("+12"));
    }

    @Test
    void indexOfRuleKeys() {
        assertEquals(3, VmwareAutoconnect.index("usb.AUTOCONNECT.device3"));
        assertEquals(-1, VmwareAutoconnect.index("usb.autoConnect.deviceX"));
        assertEquals(-1, VmwareAutoconnect.index("usb.autoConnect.device"));
        assertTrue(VmwareAutoconnect.generic("TRUE").matchesAnyDevice());
    }
}
