package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.Firmware;
import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.ToolsState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

class MachineMappingTest {

    private static MachineFacts.Filter filter(int position, String name, String vendor, String product) {
        return new MachineFacts.Filter(position, name, true, vendor, product, "", "", "", "", "", "", "");
    }

    private static MachineFacts machine(String state, List<MachineFacts.Controller> controllers,
            List<MachineFacts.Filter> filters, String additions) {
        return new MachineFacts("4f6c0f6e-0000-4000-8000-000000000001", "lab-07", "/vms/lab-07/lab-07.vbox", "Windows7_64",
                2, true, 4096, "EFI", "ICH9", "1.16-linux", state, controllers, filters, additions, 3);
    }

    @Test
    void theModelSaysWhatVirtualBoxSaid() {
        Vm vm = MachineMapping.toVm(machine("PoweredOff", List.of(new MachineFacts.Controller("OHCI", "OHCI"),
                new MachineFacts.Controller("xHCI", "XHCI")), List.of(), "6.1.50r161033"), "localhost");
        assertEquals("4f6c0f6e-0000-4000-8000-000000000001", vm.id());
        assertEquals(HypervisorKind.VIRTUALBOX, vm.kind());
        assertEquals("lab-07", vm.name());
        assertEquals("localhost", vm.hostId());
        assertEquals("/vms/lab-07/lab-07.vbox", vm.source());
        assertEquals(List.of(new UsbController("OHCI", UsbControllerType.OHCI, "OHCI", false),
                new UsbController("xHCI", UsbControllerType.XHCI, "XHCI", false)), vm.usbControllers());
        assertEquals(2, vm.vcpus());
        assertTrue(vm.cpuHotAdd());
        assertEquals(4096, vm.memoryMiB());
        assertEquals(Firmware.EFI, vm.firmware());
        assertEquals(PowerState.POWERED_OFF, vm.powerState());
        assertEquals(new HardwareVersion(HardwareVersion.Family.VIRTUALBOX, 1, 16), vm.hardwareVersion());
        assertEquals("1.16", vm.hardwareVersion().toString());
        assertEquals(GuestOs.Family.WINDOWS, vm.guestOs().family());
        assertEquals(61, vm.guestOs().release());
        assertEquals("6.1.50r161033", vm.toolsVersion());
        assertEquals(ToolsState.UNKNOWN, vm.toolsState(), "a VM that is off does not say whether its Additions run");
        assertEquals(3, vm.snapshotCount());
        assertEquals("Windows7_64", vm.raw("OSTypeId"));
        assertEquals("XHCI", vm.raw("USBController[xHCI].type"));
        assertEquals("ICH9", vm.raw("chipsetType"));
        assertEquals("1.16-linux", vm.raw("settingsVersion"));
        assertEquals("true", vm.raw("CPUHotPlugEnabled"));
    }

    @Test
    void filterIdsFollowTheNameAndSurviveAnotherFiltersRemoval() {
        List<MachineFacts.Filter> three = List.of(filter(0, "Receiver", "046d", "c52b"), filter(1, "Stick", "0781", "5567"),
                filter(2, "Receiver", "046d", "c534"));
        Vm vm = MachineMapping.toVm(machine("Running", List.of(), three, "7.0.14"), "h");
        assertEquals(List.of("usbfilter:Receiver", "usbfilter:Stick", "usbfilter:Receiver#2"),
                vm.usbFilters().stream().map(UsbFilter::id).toList());
        Vm stickRemoved = MachineMapping.toVm(machine("Running", List.of(), List.of(filter(0, "Receiver", "046d", "c52b"),
                filter(1, "Receiver", "046d", "c534")), "7.0.14"), "h");
        assertEquals(List.of("usbfilter:Receiver", "usbfilter:Receiver#2"),
                stickRemoved.usbFilters().stream().map(UsbFilter::id).toList());
        Vm lastRemoved = MachineMapping.toVm(machine("Running", List.of(), three.subList(0, 2), "7.0.14"), "h");
        assertEquals(List.of("usbfilter:Receiver", "usbfilter:Stick"), lastRemoved.usbFilters().stream().map(UsbFilter::id).toList());
    }

    @Test
    void onlyAnExactIdIsAnId() {
        MachineFacts.Filter ranges = new MachineFacts.Filter(1, "Kingston sticks", false, "0951", "1600-16ff", "0100",
                "Kingston", "DataTraveler", "", "", "no", "0");
        Vm vm = MachineMapping.toVm(machine("PoweredOff", List.of(), List.of(filter(0, "All", "", ""), ranges,
                filter(2, "Hex", "0x046D", "C52B"), filter(3, "List", "046d|046e", "")), ""), "h");
        UsbFilter all = vm.usbFilters().get(0);
        assertTrue(all.matchesAnyDevice(), "no vendor, product or port: every device");
        UsbFilter kingston = vm.usbFilters().get(1);
        assertEquals(0x0951, kingston.vendorId());
        assertEquals(-1, kingston.productId());
        assertFalse(kingston.active());
        assertEquals("productId=\"1600-16ff\" revision=\"0100\" manufacturer=\"Kingston\" product=\"DataTraveler\" remote=\"no\"",
                kingston.pattern());
        UsbFilter hex = vm.usbFilters().get(2);
        assertEquals(0x046d, hex.vendorId());
        assertEquals(0xc52b, hex.productId());
        assertEquals("", hex.pattern());
        assertEquals(-1, vm.usbFilters().get(3).vendorId());
        assertEquals("1600-16ff", vm.raw("USBDeviceFilter[1].productId"));
        assertEquals("false", vm.raw("USBDeviceFilter[1].active"));
        assertEquals("", vm.raw("USBDeviceFilter[0].vendorId"), "empty values are not evidence");
    }

    @Test
    void aFilterRestrictedToAPortIsNotAnyDevice() {
        MachineFacts.Filter port = new MachineFacts.Filter(0, "Port 2", true, "", "", "", "", "", "", "2", "", "");
        UsbFilter f = MachineMapping.toVm(machine("PoweredOff", List.of(), List.of(port), ""), "h").usbFilters().get(0);
        assertEquals("2", f.port());
        assertFalse(f.matchesAnyDevice());
    }

    @Test
    void powerStates() {
        assertEquals(PowerState.POWERED_OFF, MachineMapping.powerState("Aborted"));
        assertEquals(PowerState.SUSPENDED, MachineMapping.powerState("Saved"));
        assertEquals(PowerState.POWERED_ON, MachineMapping.powerState("Running"));
        assertEquals(PowerState.POWERED_ON, MachineMapping.powerState("Paused"), "a paused VM still holds its devices");
        assertEquals(PowerState.UNKNOWN, MachineMapping.powerState("RestoringSnapshot"));
        assertEquals(PowerState.UNKNOWN, MachineMapping.powerState(""), "a file cannot say whether the VM runs");
    }

    @Test
    void guestAdditionsStateOnlyFromARunningVm() {
        assertEquals(ToolsState.OK, MachineMapping.toVm(machine("Running", List.of(), List.of(), "7.0.14"), "h").toolsState());
        assertEquals(ToolsState.NOT_RUNNING, MachineMapping.toVm(machine("Running", List.of(), List.of(), ""), "h").toolsState());
        assertEquals(ToolsState.UNKNOWN, MachineMapping.toVm(machine("", List.of(), List.of(), ""), "h").toolsState());
    }

    @Test
    void settingsVersionsAndFirmware() {
        assertEquals(new HardwareVersion(HardwareVersion.Family.VIRTUALBOX, 1, 20), MachineMapping.settingsVersion("1.20-windows"));
        assertEquals(new HardwareVersion(HardwareVersion.Family.VIRTUALBOX, 1, 12), MachineMapping.settingsVersion("1.12"));
        assertNull(MachineMapping.settingsVersion(""), "the web service does not report it");
        assertNull(MachineMapping.settingsVersion("new"));
        assertEquals(Firmware.BIOS, MachineMapping.firmware("BIOS"));
        assertEquals(Firmware.EFI, MachineMapping.firmware("EFIDUAL"));
        assertEquals(Firmware.UNKNOWN, MachineMapping.firmware(""));
    }

    @Test
    void anUnknownControllerTypeIsEvidenceButNoController() {
        Vm vm = MachineMapping.toVm(machine("PoweredOff", List.of(new MachineFacts.Controller("odd", "Null")), List.of(), ""), "h");
        assertEquals(List.of(), vm.usbControllers());
        assertEquals("Null", vm.raw("USBController[odd].type"));
    }
}
