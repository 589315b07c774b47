package org.hvdiag.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

class DomainXmlTest {
    @TempDir
    Path dir;

    static String domain(String machine, String head, String devices) {
        return "<domain type='kvm'>\n  <name>d</name>\n  <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
                + "  <memory unit='KiB'>2097152</memory>\n  <vcpu placement='static'>2</vcpu>\n" + head
                + "  <os>\n    <type arch='x86_64' machine='" + machine + "'>hvm</type>\n  </os>\n"
                + "  <devices>\n" + devices + "  </devices>\n</domain>\n";
    }

    Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Vm vm(String text) throws UnreadableFile {
        return DomainMapping.toVm(DomainXml.read(write("d.xml", text)), "localhost");
    }

    static List<String> models(Vm vm) {
        return vm.usbControllers().stream().map(UsbController::model).toList();
    }

    @Test
    void i440fxControllerWithoutModelIsPiix3Uhci() throws Exception {
        Vm vm = vm(domain("pc-i440fx-7.2", "", "    <controller type='usb' index='0'/>\n"));
        assertEquals(List.of("piix3-uhci"), models(vm));
        assertEquals(UsbControllerType.UHCI, vm.usbControllers().get(0).type());
        assertEquals(new HardwareVersion(HardwareVersion.Family.LIBVIRT_MACHINE, 7, 2), vm.hardwareVersion());
        assertTrue(vm.raw("controller[usb,0]@model").contains("machine default piix3-uhci"), vm.raw("controller[usb,0]@model"));
    }

    @Test
    void q35DefaultIsIch9EhciWithCompanionsAndBareAliasHasNoVersion() throws Exception {
        Vm vm = vm(domain("q35", "", "    <controller type='usb' index='0'/>\n"));
        assertEquals(List.of("ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3"), models(vm));
        assertEquals(1, vm.controllerCount(UsbControllerType.EHCI));
        assertEquals(3, vm.controllerCount(UsbControllerType.UHCI));
        assertNull(vm.hardwareVersion());
    }

    @Test
    void explicitCompanionsKeepTheirStartPorts() throws Exception {
        DomainFacts d = DomainXml.read(write("c.xml", domain("pc-q35-6.2", "",
                "    <controller type='usb' index='0' model='ich9-ehci1'/>\n"
                        + "    <controller type='usb' index='0' model='ich9-uhci2'><master startport='2'/></controller>\n")));
        assertEquals(2, d.controllers().get(1).startPort());
        assertFalse(d.controllers().get(1).implied());
    }

    @Test
    void qemuXhciWithPortsAndModelNone() throws Exception {
        Vm xhci = vm(domain("pc-q35-8.0", "", "    <controller type='usb' index='0' model='qemu-xhci' ports='15'/>\n"));
        assertEquals(List.of(UsbControllerType.XHCI), xhci.usbControllers().stream().map(UsbController::type).toList());
        assertEquals("15", xhci.raw("controller[usb,0]@ports"));
        Vm none = vm(domain("pc", "", "    <controller type='usb' index='0' model='none'/>\n"));
        assertEquals(List.of(), none.usbControllers());
        assertEquals("none", none.raw("controller[usb,0]@model"));
    }

    @Test
    void modelNoneBesideAnotherUsbControllerIsRefusedNamingBothLines() {
        Path f = write("both.xml", domain("pc", "", "    <controller type='usb' index='0' model='none'/>\n"
                + "    <controller type='usb' index='0'/>\n"));
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> DomainXml.read(f));
        assertTrue(e.getMessage().contains("model='none'") && e.getMessage().contains("expected one or the other"),
                e.getMessage());
    }

    @Test
    void hostDevicesWithAndWithoutStartupPolicy() throws Exception {
        Vm vm = vm(domain("pc", "", "    <controller type='usb' index='0' model='qemu-xhci'/>\n"
                + "    <hostdev mode='subsystem' type='usb'><source startupPolicy='optional'>"
                + "<vendor id='0x046d'/><product id='0xc52b'/></source></hostdev>\n"
                + "    <hostdev mode='subsystem' type='usb'><source><address bus='3' device='7'/></source></hostdev>\n"
                + "    <hostdev mode='subsystem' type='pci'><source><address domain='0' bus='1' slot='0' function='0'/></source></hostdev>\n"));
        assertEquals(2, vm.usbDevices().size(), "a PCI host device is not a USB device");
        assertEquals("046d:c52b", vm.usbDevices().get(0).vidPid());
        assertEquals("usb0-qemu-xhci", vm.usbDevices().get(0).controllerId());
        assertEquals(-1, vm.usbDevices().get(1).vendorId());
        assertEquals("optional", vm.raw("hostdev[0]@startupPolicy"));
        assertEquals("(none: mandatory)", vm.raw("hostdev[1]@startupPolicy"));
        assertEquals("3", vm.raw("hostdev[1]/source/address@bus"));
    }

    @Test
    void allowAllRedirfilterIsAFilterThatMatchesAnyDeviceAndDenyRulesAreNot() throws Exception {
        Vm all = vm(domain("pc", "", "    <redirdev bus='usb' type='spicevmc'/>\n"
                + "    <redirfilter><usbdev allow='yes'/></redirfilter>\n"));
        assertEquals(1, all.usbFilters().size());
        assertTrue(all.usbFilters().get(0).matchesAnyDevice());
        assertTrue(all.usbFilters().get(0).active());
        Vm narrow = vm(domain("pc", "", "    <redirdev bus='usb' type='spicevmc'/>\n"
                + "    <redirfilter><usbdev class='0x08' vendor='0x15E1' product='0x2007' version='1.10' allow='yes'/>"
                + "<usbdev class='-1' vendor='-1' product='-1' version='-1' allow='no'/></redirfilter>\n"));
        assertEquals(1, narrow.usbFilters().size(), "the deny-all rule captures nothing");
        assertEquals(0x15e1, narrow.usbFilters().get(0).vendorId());
        assertEquals("class=0x08 version=1.10", narrow.usbFilters().get(0).otherCriteria());
        assertFalse(narrow.usbFilters().get(0).matchesAnyDevice());
        assertEquals("usbdev class=-1 vendor=-1 product=-1 version=-1 allow=no", narrow.raw("redirfilter/usbdev[1]"));
    }

    @Test
    void libosinfoWindowsAndUbuntuAndTheGuestAgent() throws Exception {
        String meta = "  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>\n"
                + "      <libosinfo:os id='%s'/>\n    </libosinfo:libosinfo>\n  </metadata>\n";
        Vm win = vm(domain("pc", String.format(meta, "http://microsoft.com/win/10"), ""));
        assertEquals(GuestOs.Family.WINDOWS, win.guestOs().family());
        assertEquals(100, win.guestOs().release());
        assertFalse(win.guestOs().server());
        assertEquals(ToolsState.NOT_INSTALLED, win.toolsState());
        Vm ubuntu = vm(domain("pc", String.format(meta, "http://ubuntu.com/ubuntu/22.04"),
                "    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>\n"));
        assertEquals(GuestOs.Family.LINUX, ubuntu.guestOs().family());
        assertEquals(ToolsState.UNKNOWN, ubuntu.toolsState(), "a channel says nothing of whether the agent answers");
    }

    @Test
    void memoryUnitsVcpusAndFirmware() throws Exception {
        String text = "<domain type='kvm' id='4'>\n  <name>m</name>\n  <maxMemory slots='16' unit='GiB'>16</maxMemory>\n"
                + "  <memory unit='GB'>4</memory>\n  <currentMemory unit='M'>3072</currentMemory>\n"
                + "  <vcpu current='2'>8</vcpu>\n  <os firmware='efi'><type machine='pc-q35-7.2'>hvm</type></os>\n</domain>\n";
        Path file = write("m.xml", text);
        Vm vm = DomainMapping.toVm(DomainXml.read(file), "localhost");
        assertEquals(3072, vm.memoryMiB());
        assertEquals(4_000_000_000L, DomainXml.read(file).memoryBytes());
        assertEquals(2, vm.vcpus());
        assertTrue(vm.cpuHotAdd());
        assertTrue(vm.memoryHotAdd());
        assertEquals(Firmware.EFI, vm.firmware());
        assertEquals(file.toString(), vm.id(), "no uuid: the file is the id");
        assertEquals(org.hvdiag.core.model.PowerState.POWERED_ON, vm.powerState());
        Vm plain = vm(domain("pc", "", ""));
        assertEquals(2048, plain.memoryMiB(), "no unit is KiB");
        assertFalse(plain.cpuHotAdd());
    }

    @Test
    void brokenFileNamesItsLine() {
        Path f = write("b.xml", "<domain type='kvm'>\n  <name>x</name>\n  <memory>12\n</domain>\n");
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> DomainXml.read(f));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("not well-formed XML"), e.getMessage());
    }

    @Test
    void badValuesNameTheirLineAndWhatWasExpected() {
        Path unit = write("u.xml", "<domain>\n<name>x</name>\n<memory unit='furlongs'>1</memory>\n</domain>\n");
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> DomainXml.read(unit));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected b, KB, KiB"), e.getMessage());
        Path vcpu = write("v.xml", "<domain>\n<name>x</name>\n<vcpu current='4'>2</vcpu>\n</domain>\n");
        assertTrue(assertThrows(UnreadableFile.class, () -> DomainXml.read(vcpu)).getMessage().contains("at most the maximum"));
        Path noName = write("n.xml", "<domain type='kvm'>\n</domain>\n");
        assertTrue(assertThrows(UnreadableFile.class, () -> DomainXml.read(noName)).getMessage().contains("no <name>"));
    }

    @Test
    void doctypeAndEntitiesAreRefused() throws IOException {
        Path secret = write("secret.txt", "s3cret");
        Path f = write("e.xml", "<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]>\n"
                + "<domain><name>&x;</name></domain>\n");
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> DomainXml.read(f));
        assertTrue(e.getMessage().startsWith("a DOCTYPE declaration is not allowed"), e.getMessage());
    }

    @Test
    void aNonDomainXmlNamedDirectlyIsAnErrorSayingWhatWasExpected() {
        Path f = write("net.xml", "<network>\n  <name>default</name>\n</network>\n");
        DomainFolder.Listing l = DomainFolder.read(f);
        assertEquals(0, l.domains().size());
        assertEquals("the root element is <network>, expected <domain> (a libvirt domain XML)", l.errors().get(0).message());
        assertEquals("line 1", l.errors().get(0).location());
    }

    @Test
    void aFolderPassesOverOtherXmlAndOneBrokenFileDoesNotHideTheRest() {
        write("qemu/a.xml", domain("pc", "", ""));
        write("qemu/deep/b.XML", domain("q35", "", "").replace("<name>d</name>", "<name>b</name>").replace("1111", "9999"));
        write("qemu/networks/default.xml", "<network><name>default</name></network>");
        write("qemu/notes.txt", "not xml");
        Path broken = write("qemu/broken.xml", "<domain><name>x</name>");
        DomainFolder.Listing l = DomainFolder.read(dir.resolve("qemu"));
        assertEquals(List.of("d", "b"), l.domains().stream().map(DomainFacts::name).toList());
        assertEquals(1, l.errors().size(), l.errors().toString());
        assertEquals(broken.toString(), l.errors().get(0).object());
        assertTrue(DomainFolder.holdsDomain(dir.resolve("qemu")));
        assertFalse(DomainFolder.holdsDomain(dir.resolve("qemu/networks")));
    }
}
