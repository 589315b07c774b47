package org.hvdiag.vmx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

class VmReaderTest {
    @TempDir
    Path dir;

    private Vm read(String name, String text) throws VmxFileException {
        VmReader.Reading r = VmReader.read(Fixtures.write(dir.resolve(name), text), "host-1");
        assertEquals(List.of(), r.errors());
        return r.vm();
    }

    @Test
    void workstationFileMapsEveryField() throws Exception {
        Path p = Fixtures.write(dir.resolve("Windows 10 x64").resolve("Windows 10 x64.vmx"), Fixtures.WORKSTATION);
        Vm vm = VmReader.read(p, "host-1").vm();
        assertEquals(p.toAbsolutePath().normalize().toString(), vm.id());
        assertEquals(vm.id(), vm.source());
        assertEquals("Windows 10 x64", vm.name());
        assertEquals("host-1", vm.hostId());
        assertEquals(HypervisorKind.VMWARE_WORKSTATION, vm.kind());
        assertEquals(PowerState.POWERED_OFF, vm.powerState());
        assertEquals(HardwareVersion.vmx(19), vm.hardwareVersion());
        assertEquals(Firmware.EFI, vm.firmware());
        assertEquals(GuestOs.Family.WINDOWS, vm.guestOs().family());
        assertEquals(100, vm.guestOs().release());
        assertEquals("windows9-64", vm.guestOs().id());
        assertEquals(4, vm.vcpus());
        assertEquals(8192, vm.memoryMiB());
        assertTrue(vm.cpuHotAdd());
        assertTrue(vm.memoryHotAdd());
        assertTrue(vm.deviceHotplug());
        assertEquals(List.of(new UsbController("usb", UsbControllerType.UHCI, "uhci", false),
                new UsbController("ehci", UsbControllerType.EHCI, "ehci", false),
                new UsbController("usb_xhci", UsbControllerType.XHCI, "xhci", false)), vm.usbControllers());
        assertEquals(List.of(
                new UsbDevice("usb:0", -1, -1, "hid", UsbSpeed.UNKNOWN, "usb", false),
                new UsbDevice("usb:1", -1, -1, "hub", UsbSpeed.USB_2_0, "usb", false),
                new UsbDevice("usb_xhci:4", -1, -1, "hid", UsbSpeed.UNKNOWN, "usb_xhci", false),
                new UsbDevice("usb_xhci:6", -1, -1, "hub", UsbSpeed.USB_2_0, "usb_xhci", false),
                new UsbDevice("usb_xhci:7", -1, -1, "hub", UsbSpeed.USB_3_X, "usb_xhci", false)), vm.usbDevices());
        assertEquals(List.of(
                new UsbFilter("usb.autoConnect.device0", "SanDisk Cruzer Blade", 0x0781, 0x5567, "",
                        "name:SanDisk\\ Cruzer\\ Blade vid:0781 pid:5567", true),
                new UsbFilter("usb.autoConnect.device1", "", -1, -1, "1/2/3", "path:1/2/3 autoclean:1", true),
                new UsbFilter("usb.autoConnect.device10", "", 0x046d, 0xc52b, "", "vid:0x046d pid:0xc52b autoclean:1", true),
                new UsbFilter("usb.generic.autoconnect", "generic autoconnect", -1, -1, "", "TRUE", true)), vm.usbFilters());
        assertEquals(ToolsState.OK, vm.toolsState());
        assertEquals("upgradeAtPowerCycle", vm.toolsUpgradePolicy());
        assertEquals(0, vm.snapshotCount());
        assertEquals(PowerOffBehaviour.SOFT, vm.powerOffBehaviour());
        assertEquals("19", vm.raw("virtualHW.version"));
        assertEquals("D:\\", vm.raw("sharedFolder0.hostPath"));
        assertEquals(Fixtures.WORKSTATION.lines().count(), vm.rawProperties().size());
    }

    @Test
    void esxiFileMapsItsOwnSpellingsAndDefaults() throws Exception {
        Vm vm = read("rhel7-web01.vmx", Fixtures.ESXI);
        assertEquals("rhel7-web01", vm.name());
        assertEquals(HardwareVersion.vmx(13), vm.hardwareVersion());
        assertEquals(4096, vm.memoryMiB());
        assertEquals(2, vm.vcpus());
        assertEquals(Firmware.BIOS, vm.firmware());
        assertEquals(GuestOs.Family.LINUX, vm.guestOs().family());
        assertEquals(300, vm.guestOs().release());
        assertTrue(vm.guestOs().server());
        assertFalse(vm.deviceHotplug());
        assertFalse(vm.cpuHotAdd());
        assertEquals(List.of(new UsbController("usb_xhci", UsbControllerType.XHCI, "xhci", false)), vm.usbControllers());
        assertEquals(List.of(), vm.usbDevices());
        assertEquals(List.of(), vm.usbFilters());
        assertEquals(ToolsState.UNKNOWN, vm.toolsState());
        assertEquals("manual", vm.toolsUpgradePolicy());
        assertEquals(PowerOffBehaviour.HARD, vm.powerOffBehaviour());
        assertTrue(vm.rawProperties().containsKey("memSize"));
    }

    @Test
    void aKoreanWindowsVmIsReadWithItsName() throws Exception {
        byte[] bytes = (".encoding = \"windows-949-2000\"\r\ndisplayName = \"한글 서버\"\r\nusb.present = \"TRUE\"\r\n")
                .getBytes(Charset.forName("x-windows-949"));
        VmReader.Reading r = VmReader.read(Fixtures.write(dir.resolve("ko.vmx"), bytes), "h");
        assertEquals(List.of(), r.errors());
        assertEquals("한글 서버", r.vm().name());
        assertTrue(r.vm().hasController(UsbControllerType.UHCI));
    }

    @Test
    void aSparseFileGetsVmwaresDefaults() throws Exception {
        Vm vm = read("bare.vmx", "config.version = \"8\"\n");
        assertEquals("bare.vmx", vm.name());
        assertEquals(1, vm.vcpus());
        assertEquals(-1, vm.memoryMiB());
        assertNull(vm.hardwareVersion());
        assertEquals(Firmware.BIOS, vm.firmware());
        assertEquals(GuestOs.UNKNOWN, vm.guestOs());
        assertTrue(vm.deviceHotplug());
        assertFalse(vm.memoryHotAdd());
        assertEquals(ToolsState.UNKNOWN, vm.toolsState());
        assertEquals(PowerOffBehaviour.DEFAULT, vm.powerOffBehaviour());
        assertEquals(0, vm.snapshotCount());
        assertEquals(List.of(), vm.usbControllers());
    }

    @Test
    void flagsIgnoreCase() throws Exception {
        Vm vm = read("f.vmx", "vcpu.hotadd = \"true\"\nmem.hotadd = \"False\"\ndevices.hotplug = \"false\"\nusb.present = \"True\"\n");
        assertTrue(vm.cpuHotAdd());
        assertFalse(vm.memoryHotAdd());
        assertFalse(vm.deviceHotplug());
        assertTrue(vm.hasController(UsbControllerType.UHCI));
    }

    @Test
    void toolsRemindInstallMeansNotInstalled() throws Exception {
        assertEquals(ToolsState.NOT_INSTALLED, read("t.vmx", "tools.remindInstall = \"TRUE\"\n"
                + "toolsInstallManager.updateCounter = \"1\"\n").toolsState());
    }

    @Test
    void powerOffBehaviours() {
        assertEquals(PowerOffBehaviour.HARD, VmReader.powerOff("hard"));
        assertEquals(PowerOffBehaviour.SOFT, VmReader.powerOff("soft"));
        assertEquals(PowerOffBehaviour.SOFT, VmReader.powerOff("trySoft"));
        assertEquals(PowerOffBehaviour.DEFAULT, VmReader.powerOff("default"));
        assertEquals(PowerOffBehaviour.DEFAULT, VmReader.powerOff(""));
    }

    @Test
    void usbSpeedCodes() {
        assertEquals(UsbSpeed.USB_1_1, UsbSettings.speed("1"));
        assertEquals(UsbSpeed.USB_2_0, UsbSettings.speed("2"));
        assertEquals(UsbSpeed.USB_3_X, UsbSettings.speed("3"));
        assertEquals(UsbSpeed.USB_3_X, UsbSettings.speed("4"));
        assertEquals(UsbSpeed.USB_3_X, UsbSettings.speed("5"));
        assertEquals(UsbSpeed.UNKNOWN, UsbSettings.speed("9"));
        assertEquals(UsbSpeed.UNKNOWN, UsbSettings.speed(""));
    }

    @Test
    void snapshotCountComesFromTheVmsd() throws Exception {
        Fixtures.write(dir.resolve("s.vmsd"), ".encoding = \"UTF-8\"\nsnapshot.lastUID = \"3\"\nsnapshot.numSnapshots = \"3\"\n"
                + "snapshot0.uid = \"1\"\n");
        assertEquals(3, read("s.vmx", "numvcpus = \"1\"\n").snapshotCount());
        Fixtures.write(dir.resolve("e.vmsd"), "");
        assertEquals(0, read("e.vmx", "numvcpus = \"1\"\n").snapshotCount());
    }

    @Test
    void ownLockFolderMeansPoweredOn() throws Exception {
        Files.createDirectory(dir.resolve("on.vmx.lck"));
        assertEquals(PowerState.POWERED_ON, read("on.vmx", "numvcpus = \"1\"\n").powerState());
    }

    @Test
    void anyLockFolderBesideItMeansPoweredOn() throws Exception {
        Files.createDirectory(dir.resolve("on-disk1.vmdk.lck"));
        assertEquals(PowerState.POWERED_ON, read("on.vmx", "numvcpus = \"1\"\n").powerState());
        assertEquals("on-disk1.vmdk.lck", LockFolder.find(dir.resolve("on.vmx")).orElseThrow().name());
    }

    @Test
    void theVmsOwnLockIsNamedBeforeADiskLock() throws Exception {
        Files.createDirectory(dir.resolve("a-shared.vmdk.lck"));
        Files.createDirectory(dir.resolve("x.vmx.lck"));
        assertEquals("x.vmx.lck", LockFolder.find(dir.resolve("x.vmx")).orElseThrow().name());
    }

    @Test
    void aLockFileIsNotALockFolder() throws Exception {
        Fixtures.write(dir.resolve("notes.lck"), "not a folder");
        assertEquals(PowerState.POWERED_OFF, read("off.vmx", "numvcpus = \"1\"\n").powerState());
    }

    @Test
    void checkpointNamingAnExistingVmssMeansSuspended() throws Exception {
        Fixtures.write(dir.resolve("s-1a2b.vmss"), new byte[] {1, 2, 3});
        assertEquals(PowerState.SUSPENDED, read("s.vmx", "checkpoint.vmState = \"s-1a2b.vmss\"\n").powerState());
        assertEquals(PowerState.POWERED_OFF, read("t.vmx", "checkpoint.vmState = \"gone.vmss\"\n").powerState());
    }

    @Test
    void theIdIsTheNormalizedAbsolutePath() throws Exception {
        Path p = Fixtures.write(dir.resolve("a").resolve("x.vmx"), "numvcpus = \"1\"\n");
        Path dotted = dir.resolve("a").resolve("..").resolve("a").resolve("x.vmx");
        assertEquals(p.toAbsolutePath().normalize().toString(), VmReader.read(dotted, "h").vm().id());
    }

    @Test
    void oddValuesAreReportedWithTheirLineAndTheVmIsStillRead() throws Exception {
        Path p = Fixtures.write(dir.resolve("odd.vmx"), "displayName = \"odd\"\nnumvcpus = \"many\"\nmemsize = \"-5\"\n"
                + "vcpu.hotadd = \"yes\"\nvirtualHW.version = \"vmx-x\"\nusb.autoConnect.device0 = \"vid:zz pid:0001\"\n");
        VmReader.Reading r = VmReader.read(p, "h");
        assertEquals("odd", r.vm().name());
        assertEquals(-1, r.vm().vcpus());
        assertEquals(-1, r.vm().memoryMiB());
        assertFalse(r.vm().cpuHotAdd());
        assertNull(r.vm().hardwareVersion());
        assertEquals(-1, r.vm().usbFilters().get(0).vendorId());
        assertEquals(1, r.vm().usbFilters().get(0).productId());
        List<String> where = r.errors().stream().map(ObjectError::location).sorted().toList();
        assertEquals(List.of("line 2", "line 3", "line 4", "line 5", "line 6"), where);
        ObjectError vcpus = r.errors().stream().filter(e -> e.location().equals("line 2")).findFirst().orElseThrow();
        assertEquals(p.toString(), vcpus.object());
        assertEquals("numvcpus = \"many\": expected a whole number of vCPUs, e.g. \"2\"", vcpus.message());
    }

    @Test
    void aDamagedLineCostsOnlyThatLine() throws Exception {
        Path p = Fixtures.write(dir.resolve("d.vmx"), "displayName = \"damaged\"\nnumvcpus = \"4\"\n"
                + "usb.present = \"TRUE\nusb_xhci.present = \"TRUE\"\nethernet0.present TRUE\nmemsize = \"2048\"\n");
        VmReader.Reading r = VmReader.read(p, "h");
        Vm vm = r.vm();
        assertEquals("damaged", vm.name());
        assertEquals(4, vm.vcpus());
        assertEquals(2048, vm.memoryMiB());
        // As VMware reads it: the damaged line sets no usb.present, so there is no UHCI controller.
        assertEquals(List.of(UsbControllerType.XHCI), vm.usbControllers().stream().map(UsbController::type).toList());
        assertFalse(vm.rawProperties().containsKey("usb.present"));
        assertEquals(List.of(
                new ObjectError(p.toString(), "line 3", "ignored: unterminated quoted value (expected key = \"value\"); "
                        + "VMware reads no setting from such a line, so the VM is audited without usb.present"),
                new ObjectError(p.toString(), "line 5", "ignored: not a setting (expected key = \"value\"); "
                        + "VMware reads no setting from such a line, so the VM is audited without it")), r.errors());
    }

    @Test
    void aDamagedEncryptionLineDoesNotMakeAnEncryptedVmLookPlain() {
        Path p = Fixtures.write(dir.resolve("cut.vmx"), "displayName = \"cut\"\nusb.present = \"FALSE\"\n"
                + "encryption.data = \"Zm9vYmFy\n");
        VmxFileException e = assertThrows(VmxFileException.class, () -> VmReader.read(p, "h"));
        assertTrue(e.reason().startsWith("encrypted by vSphere/Workstation VM encryption (encryption.data)"), e.reason());
    }

    @Test
    void aFileOfDamagedLinesOnlyIsNotAVm() {
        Path p = Fixtures.write(dir.resolve("junk.vmx"), "# notes\nremember to back up\nsee = \"wiki\n");
        VmxFileException e = assertThrows(VmxFileException.class, () -> VmReader.read(p, "h"));
        assertEquals(p + ": line 2: not a setting (expected key = \"value\")", e.getMessage());
    }

    @Test
    void aDamagedVmsdLineMakesTheSnapshotCountUnknownNotZero() throws Exception {
        Fixtures.write(dir.resolve("s.vmsd"), ".encoding = \"UTF-8\"\nsnapshot.numSnapshots = \"3\nsnapshot0.uid = \"1\"\n");
        VmReader.Reading r = VmReader.read(Fixtures.write(dir.resolve("s.vmx"), "numvcpus = \"2\"\n"), "h");
        assertEquals(-1, r.vm().snapshotCount());
        assertEquals(List.of(new ObjectError(dir.resolve("s.vmsd").toString(), "line 2",
                "unterminated quoted value (expected key = \"value\"); the snapshot count is not read")), r.errors());
    }

    @Test
    void aBadVmsdIsAnErrorBesideTheVm() throws Exception {
        Fixtures.write(dir.resolve("b.vmsd"), "snapshot.numSnapshots = \"lots\"\n");
        VmReader.Reading r = VmReader.read(Fixtures.write(dir.resolve("b.vmx"), "numvcpus = \"2\"\n"), "h");
        assertEquals(-1, r.vm().snapshotCount());
        assertEquals(2, r.vm().vcpus());
        assertEquals(1, r.errors().size());
        assertEquals(dir.resolve("b.vmsd").toString(), r.errors().get(0).object());
        assertEquals("line 1", r.errors().get(0).location());
    }

    @Test
    void aFileWithoutSettingsIsNotAVm() {
        Path p = Fixtures.write(dir.resolve("empty.vmx"), "# nothing here\n\n");
        VmxFileException e = assertThrows(VmxFileException.class, () -> VmReader.read(p, "h"));
        assertEquals(p + ": no settings (expected key = \"value\" lines of a .vmx file)", e.getMessage());
    }

    @Test
    void anEmptyAutoconnectEntryIsNoFilter() throws Exception {
        Vm vm = read("e.vmx", "usb.present = \"TRUE\"\nusb.autoConnect.device0 = \"\"\nusb.autoConnect.device1 = \"  \"\n"
                + "usb.autoConnect.device2 = \"vid:0x0781 pid:0x5567\"\n");
        assertEquals(List.of("usb.autoConnect.device2"), vm.usbFilters().stream().map(UsbFilter::id).toList());
        assertFalse(vm.usbFilters().get(0).matchesAnyDevice());
    }

    /** What Workstation leaves readable in an encrypted VM's .vmx; the hardware keys are inside encryption.data. */
    static final String ENCRYPTED = ".encoding = \"UTF-8\"\ndisplayName = \"Locked\"\n"
            + "encryption.keySafe = \"vmware:key/list/(pair/(phrase/abc%3d/pass2key%3dPBKDF2%2dHMAC%2dSHA%2d1%3a"
            + "cipher%3dAES%2d256%3arounds%3d10000%3asalt%3dc2FsdA%253d%253d,HMAC%2dSHA%2d1,ZGF0YQ%253d%253d))\"\n"
            + "encryption.data = \"bm90IHJlYWRhYmxlIHdpdGhvdXQgdGhlIGtleQ==\"\n";

    @Test
    void anEncryptedVmIsRefusedWithTheReason() {
        Path p = Fixtures.write(dir.resolve("locked.vmx"), ENCRYPTED);
        VmxFileException e = assertThrows(VmxFileException.class, () -> VmReader.read(p, "h"));
        assertEquals(p + ": encrypted by vSphere/Workstation VM encryption (encryption.keySafe, encryption.data): its "
                + "settings are only readable through the hypervisor holding the key, so it cannot be audited from "
                + "the file", e.getMessage());
        assertEquals(new ObjectError(p.toString(), "", e.reason()), e.toObjectError());
    }

    @Test
    void plainKeysBesideEncryptionDataDoNotMakeItAuditable() {
        // Partial (fast) encryption leaves some keys in clear; which ones the bundle overrides is not knowable.
        Path p = Fixtures.write(dir.resolve("part.vmx"), "usb.present = \"FALSE\"\nencryption.data = \"Zm9v\"\n");
        VmxFileException e = assertThrows(VmxFileException.class, () -> VmReader.read(p, "h"));
        assertTrue(e.reason().startsWith("encrypted by vSphere/Workstation VM encryption (encryption.data)"), e.reason());
    }

    @Test
    void genericAutoconnectOffCapturesNothing() throws Exception {
        List<UsbFilter> filters = read("g.vmx", "usb.generic.autoConnect = \"FALSE\"\n").usbFilters();
        assertEquals(List.of("usb.generic.autoconnect"), filters.stream().map(UsbFilter::id).toList());
        assertFalse(filters.get(0).active(), "a switch written FALSE is an inactive rule");
    }
}
