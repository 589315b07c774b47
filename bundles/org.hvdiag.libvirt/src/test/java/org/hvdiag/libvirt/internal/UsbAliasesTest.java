package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

/**
 * Device aliases in a running domain's live XML. The XML is written here in the form libvirt 9.0
 * gives for virsh dumpxml of a running q35 domain: every device gets {@code <alias name=.../>}
 * (qemuAssignDeviceAliases in src/qemu/qemu_alias.c: "usb" and "usb1" for the controllers,
 * "hostdev0", "redir0", "usb-disk1" for the USB disk sdb, "virtio-disk0", "net0"; an admin's own
 * alias starts with "ua-"), and every USB device an {@code <address type='usb' bus= port=/>}. The
 * usb-disk1 and usb bus/port forms were seen in this project's live test against libvirt 9.0.
 */
class UsbAliasesTest {
    static final String UUID = "6b0f4c1e-1d6c-4c37-9f0a-000000000042";
    static final String LIVE = """
            <domain type='qemu' id='3'>
              <name>eng-ws-07</name>
              <uuid>6b0f4c1e-1d6c-4c37-9f0a-000000000042</uuid>
              <memory unit='KiB'>65536</memory>
              <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/libvirt/images/eng-ws-07.qcow2' index='2'/>
                  <target dev='vda' bus='virtio'/>
                  <alias name='virtio-disk0'/>
                  <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='/srv/images/stick.raw' index='1'/>
                  <target dev='sdb' bus='usb' removable='on'/>
                  <alias name='usb-disk1'/>
                  <address type='usb' bus='0' port='1'/>
                </disk>
                <controller type='usb' index='0' model='qemu-xhci' ports='15'>
                  <alias name='usb'/>
                  <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>
                </controller>
                <controller type='usb' index='1' model='ich9-ehci1'>
                  <alias name='usb1'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x1d' function='0x7'/>
                </controller>
                <interface type='user'>
                  <mac address='52:54:00:6b:0f:42'/>
                  <model type='virtio'/>
                  <alias name='net0'/>
                </interface>
                <redirdev bus='usb' type='spicevmc'>
                  <alias name='redir0'/>
                  <address type='usb' bus='0' port='2'/>
                </redirdev>
                <hostdev mode='subsystem' type='usb' managed='no'>
                  <source startupPolicy='optional'>
                    <vendor id='0x0529'/>
                    <product id='0x0620'/>
                  </source>
                  <alias name='ua-etoken'/>
                  <address type='usb' bus='1' port='1'/>
                </hostdev>
                <hostdev mode='subsystem' type='usb' managed='no'>
                  <source>
                    <vendor id='0x0781'/>
                    <product id='0x5581'/>
                  </source>
                  <alias name='hostdev1'/>
                  <address type='usb' bus='0' port='3'/>
                </hostdev>
              </devices>
            </domain>
            """;

    static Vm vm(String xml) throws UnreadableFile {
        return DomainMapping.toVm(DomainXml.read("live XML", xml), null, PowerState.POWERED_ON, "host");
    }

    static UsbAliases learnt() throws UnreadableFile {
        UsbAliases a = new UsbAliases();
        a.learn(vm(LIVE), LIVE);
        return a;
    }

    @Test
    void aHostDeviceIsNamedByItsIdsAndTheControllerItsUsbAddressIsOn() throws Exception {
        UsbAliases.Lookup etoken = learnt().find(UUID, "ua-etoken");
        assertEquals(UsbAliases.Found.USB, etoken.found());
        UsbDeviceSeen d = etoken.device();
        assertEquals("0529:0620", d.ids());
        assertTrue(d.name().startsWith("hostdev[0]: "), d.name());
        assertEquals(UsbControllerType.EHCI, d.controller(), "address bus 1 is the ich9-ehci1 controller");
        assertEquals("0781:5581", learnt().find(UUID, "hostdev1").device().ids(), "the second host device is hostdev[1]");
        assertTrue(learnt().find(UUID, "hostdev1").device().name().startsWith("hostdev[1]: "));
    }

    @Test
    void aUsbDiskIsNamedByItsTargetAsTheAuditNamesIt() throws Exception {
        UsbDeviceSeen d = learnt().find(UUID, "usb-disk1").device();
        assertTrue(d.name().startsWith("disk[sdb]: ") && d.name().contains("/srv/images/stick.raw"), d.name());
        assertEquals("", d.ids(), "a disk image has no USB ids");
        assertEquals(UsbControllerType.XHCI, d.controller(), "address bus 0 is the qemu-xhci controller");
    }

    @Test
    void aRedirectionChannelIsARedirdev() throws Exception {
        UsbDeviceSeen d = learnt().find(UUID, "redir0").device();
        assertTrue(d.name().startsWith("redirdev[0]: ") && d.name().contains("spicevmc"), d.name());
    }

    @Test
    void devicesOnOtherBusesAreKnownAndNotUsb() throws Exception {
        UsbAliases a = learnt();
        assertEquals(UsbAliases.Found.NOT_USB, a.find(UUID, "virtio-disk0").found());
        assertEquals(UsbAliases.Found.NOT_USB, a.find(UUID, "net0").found());
        assertEquals(UsbAliases.Found.NOT_USB, a.find(UUID, "usb1").found(), "a controller is not a device on the bus");
        assertEquals(UsbAliases.Found.UNKNOWN, a.find(UUID, "usb-disk9").found());
        assertEquals(UsbAliases.Found.UNKNOWN, a.find("another-domain", "usb-disk1").found());
    }

    @Test
    void aRemovedDeviceKeepsItsNameForItsRemovalAndAReusedAliasTakesTheNewDevice() throws Exception {
        UsbAliases a = learnt();
        String unplugged = LIVE.replaceAll("(?s)<disk type='file' device='disk'>\\s*<driver name='qemu' type='raw'/>.*?</disk>", "");
        a.learn(vm(unplugged), unplugged);
        assertTrue(a.find(UUID, "usb-disk1").device().name().startsWith("disk[sdb]: "), "still named after it left");
        String other = LIVE.replace("/srv/images/stick.raw", "/srv/images/other.raw");
        a.learn(vm(other), other);
        assertTrue(a.find(UUID, "usb-disk1").device().name().contains("other.raw"));
    }

    @Test
    void brokenXmlIsAnUnreadableFileNamingTheDomain() {
        UsbAliases a = new UsbAliases();
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> a.learn(vm(LIVE), LIVE.substring(0, 900)));
        assertTrue(e.toError().toString().contains("eng-ws-07"), e.toError().toString());
    }
}
