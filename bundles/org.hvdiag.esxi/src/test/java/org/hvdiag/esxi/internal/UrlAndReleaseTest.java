package org.hvdiag.esxi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.UsbSpeed;

class UrlAndReleaseTest {

    @Test
    void urlsNameUserHostAndPort() throws Exception {
        VsphereUrl u = VsphereUrl.parse("vsphere://administrator%40vsphere.local@vcenter.example");
        assertEquals("administrator@vsphere.local", u.user());
        assertEquals("vcenter.example", u.host());
        assertEquals(443, u.port());
        assertEquals("https://vcenter.example:443/sdk", u.sdkUrl());
        assertEquals(8443, VsphereUrl.parse("vsphere://root@10.0.0.5:8443").port());
        assertThrows(ConnectorException.class, () -> VsphereUrl.parse("vsphere://esxi01"));
        assertThrows(ConnectorException.class, () -> VsphereUrl.parse("vsphere://root@esxi01/sdk"));
        assertThrows(ConnectorException.class, () -> VsphereUrl.parse("https://root@esxi01"));
    }

    @Test
    void newestHardwareByEsxiRelease() {
        assertEquals(HardwareVersion.vmx(11), HardwareByRelease.newestFor("6.0.0"));
        assertEquals(HardwareVersion.vmx(13), HardwareByRelease.newestFor("6.5.0"));
        assertEquals(HardwareVersion.vmx(14), HardwareByRelease.newestFor("6.7.0"));
        assertEquals(HardwareVersion.vmx(17), HardwareByRelease.newestFor("7.0.0"));
        assertEquals(HardwareVersion.vmx(18), HardwareByRelease.newestFor("7.0.1"));
        assertEquals(HardwareVersion.vmx(19), HardwareByRelease.newestFor("7.0.3"));
        assertEquals(HardwareVersion.vmx(20), HardwareByRelease.newestFor("8.0.1"));
        assertEquals(HardwareVersion.vmx(21), HardwareByRelease.newestFor("8.0.2"));
        assertEquals(HardwareVersion.vmx(7), HardwareByRelease.newestFor("4.1.0"));
        assertNull(HardwareByRelease.newestFor(""));
        assertNull(HardwareByRelease.newestFor("unknown"));
    }

    @Test
    void usbSpeedIsTheFastestListed() {
        assertEquals(UsbSpeed.USB_3_X, VmMapper.speed(new String[] {"high", "superSpeed"}));
        assertEquals(UsbSpeed.USB_2_0, VmMapper.speed(new String[] {"full", "high"}));
        assertEquals(UsbSpeed.USB_1_1, VmMapper.speed(new String[] {"low"}));
        assertEquals(UsbSpeed.UNKNOWN, VmMapper.speed(null));
    }
}
