package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

class ShowVmInfoTest {
    @TempDir
    Path dir;

    private MachineFacts parse(String text) throws UnreadableFile {
        return ShowVmInfo.parse(dir.resolve("vm.showvminfo"), text);
    }

    @Test
    void aFullVirtualBox70OutputReadsAsItsVm() throws Exception {
        MachineFacts m = parse(ShowVmInfoFixtures.FULL_70);
        assertEquals("abcdef01-2345-4678-9abc-def012345678", m.id());
        assertEquals("Win 10", m.name());
        assertEquals("Windows10_64", m.osTypeId(), "the description is turned back into VirtualBox's type id");
        assertEquals(4, m.cpuCount());
        assertTrue(m.cpuHotPlug());
        assertEquals(8192, m.memoryMiB());
        assertEquals("EFI", m.firmware());
        assertEquals("ICH9", m.chipset());
        assertEquals("Running", m.state());
        assertEquals(List.of(new MachineFacts.Controller("xHCI", "XHCI")), m.controllers());
        assertEquals(2, m.filters().size());
        MachineFacts.Filter second = m.filters().get(1);
        assertEquals(1, second.position());
        assertEquals("c534", second.productId());
        assertEquals("Logitech", second.manufacturer());
        assertEquals("", second.port(), "showvminfo does not print a filter's port");
        assertEquals("7.0.14r161095", m.guestAdditionsVersion());
        assertEquals(2, m.snapshotCount());
        assertEquals(dir.resolve("vm.showvminfo").toString(), m.source());
    }

    @Test
    void theSameVmFromItsVboxFileAndFromShowvminfoIsTheSameModel() throws Exception {
        Vm fromFile = MachineMapping.toVm(VboxSettingsFile.read(VboxFixtures.write(dir.resolve("Win 10.vbox"),
                VboxFixtures.CURRENT)), "h");
        Vm fromOutput = MachineMapping.toVm(parse(ShowVmInfoFixtures.FULL_70), "h");
        assertEquals(fromFile.id(), fromOutput.id());
        assertEquals(fromFile.name(), fromOutput.name());
        assertEquals(fromFile.guestOs(), fromOutput.guestOs());
        assertEquals(fromFile.vcpus(), fromOutput.vcpus());
        assertEquals(fromFile.memoryMiB(), fromOutput.memoryMiB());
        assertEquals(fromFile.cpuHotAdd(), fromOutput.cpuHotAdd());
        assertEquals(fromFile.firmware(), fromOutput.firmware());
        assertEquals(fromFile.toolsVersion(), fromOutput.toolsVersion());
        assertEquals(fromFile.snapshotCount(), fromOutput.snapshotCount());
        assertEquals(fromFile.usbControllers(), fromOutput.usbControllers());
        assertEquals(fromFile.usbFilters().stream().map(ShowVmInfoTest::whatItTakes).toList(),
                fromOutput.usbFilters().stream().map(ShowVmInfoTest::whatItTakes).toList());
        assertEquals(PowerState.POWERED_ON, fromOutput.powerState());
        assertEquals(ToolsState.OK, fromOutput.toolsState());
    }

    private static String whatItTakes(UsbFilter f) {
        return f.id() + " " + f.active() + " " + f.vendorId() + ":" + f.productId() + " " + f.otherCriteria();
    }

    @Test
    void aCaptureOfOnlyTheUsbLinesIsAVmKnownByItsFile() throws Exception {
        Path file = VboxFixtures.write(dir.resolve("tickets/lab-07 usb.txt"), ShowVmInfoFixtures.USB_ONLY);
        MachineFacts m = ShowVmInfo.read(file);
        assertEquals(file.toAbsolutePath().normalize().toString(), m.id());
        assertEquals("lab-07 usb.txt", m.name());
        Vm vm = MachineMapping.toVm(m, "h");
        assertEquals(List.of(UsbControllerType.OHCI, UsbControllerType.EHCI),
                vm.usbControllers().stream().map(UsbController::type).toList());
        assertEquals(1, vm.usbFilters().size());
        assertFalse(vm.usbFilters().get(0).active());
        // What the capture does not show is unknown, not a default.
        assertEquals(-1, vm.vcpus());
        assertEquals(-1, vm.memoryMiB());
        assertEquals(-1, vm.snapshotCount());
        assertEquals(PowerState.UNKNOWN, vm.powerState());
        assertEquals(Firmware.UNKNOWN, vm.firmware());
        assertEquals(GuestOs.UNKNOWN, vm.guestOs());
    }

    @Test
    void quotedKeysEscapesAndValuesOverSeveralLines() throws Exception {
        MachineFacts m = parse("""
                name="Lab \\"B\\" \\\\ 2"
                UUID="{5438EE3C-3269-4613-83B0-512BA8554C2C}"
                CfgFile="C:\\Users\\lab\\VirtualBox VMs\\Lab B\\Lab B.vbox"
                "SATA-0-0"="C:\\Users\\lab\\disk.vdi"
                "IDE-IsEjected"="off"
                VideoMode="720,400,0"@0,0 1
                videocapopts=
                vrdeproperty[Security/Method]=<not set>
                description="first line
                cpus=64
                usb=\\"on\\"

                said \\"hello\\""
                usb="off"
                ehci="off"
                xhci="off"
                """);
        assertEquals("Lab \"B\" \\ 2", m.name());
        assertEquals("5438ee3c-3269-4613-83b0-512ba8554c2c", m.id());
        assertEquals(List.of(), m.controllers(), "usb=\"on\" inside the description is text, not a setting");
        assertEquals(-1, m.cpuCount(), "so is cpus=64");
    }

    @Test
    void crlfLineEndsAndABomReadAlike() throws Exception {
        MachineFacts m = parse("\uFEFFname=\"PC\"\r\nUUID=\"5438ee3c-3269-4613-83b0-512ba8554c2c\"\r\nusb=\"on\"\r\ncpus=2\r\n");
        assertEquals("PC", m.name());
        assertEquals(2, m.cpuCount());
        assertEquals(List.of(new MachineFacts.Controller("OHCI", "OHCI")), m.controllers());
    }

    @Test
    void aBrokenLineIsNamedByItsNumber() {
        UnreadableFile e = assertThrows(UnreadableFile.class,
                () -> parse("name=\"PC\"\nUUID=\"5438ee3c-3269-4613-83b0-512ba8554c2c\"\n\nthis line is not a setting\nusb=\"on\"\n"));
        assertEquals(4, e.line());
        assertEquals("line 4", e.toError().location());
        assertEquals(dir.resolve("vm.showvminfo").toString(), e.toError().object());
        assertTrue(e.getMessage().startsWith("expected key=value"), e.getMessage());
        assertTrue(e.getMessage().contains("\"this line is not a setting\""), e.getMessage());
    }

    @Test
    void aValueVBoxManageWouldNotPrintIsNamedByItsLine() {
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> parse("name=\"PC\"\nusb=\"yes\"\n"));
        assertEquals(2, e.line());
        assertEquals("usb=\"yes\", expected \"on\" or \"off\"", e.getMessage());
        e = assertThrows(UnreadableFile.class, () -> parse("name=\"PC\"\ncpus=0\n"));
        assertEquals(2, e.line());
        assertEquals("cpus=0, expected a number of virtual CPUs from 1 to 1024", e.getMessage());
    }

    @Test
    void anUnclosedQuoteIsNamedWhereItStarts() {
        UnreadableFile e = assertThrows(UnreadableFile.class,
                () -> parse("name=\"PC\"\ndescription=\"never\nclosed\nusb=on\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void aFilterWithoutItsActiveLineIsACutOffCapture() {
        UnreadableFile e = assertThrows(UnreadableFile.class,
                () -> parse("usb=\"on\"\nUSBFilterName1=\"Stick\"\nUSBFilterVendorId1=\"0781\"\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("device filter 1 has no USBFilterActive1 line"), e.getMessage());
    }

    @Test
    void outputWithoutAnyVmSettingIsRefused() {
        UnreadableFile e = assertThrows(UnreadableFile.class, () -> parse("colour=\"blue\"\nsize=3\n"));
        assertTrue(e.getMessage().startsWith("no VM settings found"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"poweroff, PoweredOff, POWERED_OFF", "aborted, Aborted, POWERED_OFF", "saved, Saved, SUSPENDED",
            "running, Running, POWERED_ON", "paused, Paused, POWERED_ON", "gurumeditation, Stuck, POWERED_ON"})
    void vboxManageStatesAreMachineStates(String printed, String state, PowerState power) throws Exception {
        MachineFacts m = parse("name=\"PC\"\nVMState=\"" + printed + "\"\n");
        assertEquals(state, m.state());
        assertEquals(power, MachineMapping.toVm(m, "h").powerState());
    }
}
