package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.Vm;

/** How a plan becomes calls: filter positions as VirtualBox will see them at each step. */
class MachineEditsTest {
    private static final Vm VM = Vm.builder("u-1", HypervisorKind.VIRTUALBOX).usbFilters(List.of(
            new UsbFilter("usbfilter:Any", "Any", -1, -1, "", "", true),
            new UsbFilter("usbfilter:Stick", "Stick", 0x0781, 0x5581, "", "", true),
            new UsbFilter("usbfilter:Any#2", "Any", -1, -1, "", "", true))).build();

    @Test
    void aSecondRemovalAddressesTheShiftedPosition() {
        List<EditStep> steps = MachineEdits.of(VM, List.of(new ConfigChange.RemoveUsbFilter("usbfilter:Any", "Any"),
                new ConfigChange.RemoveUsbFilter("usbfilter:Any#2", "Any")));
        assertEquals(0, ((EditStep.RemoveFilter) steps.get(0)).position());
        assertEquals(1, ((EditStep.RemoveFilter) steps.get(1)).position());
    }

    @Test
    void deactivatingAFilterSetsActiveFalseAtItsPosition() {
        EditStep s = MachineEdits.of(VM, List.of(new ConfigChange.SetAutoConnect("usbfilter:Any#2", false))).get(0);
        EditStep.OnFilter f = (EditStep.OnFilter) s;
        assertEquals(2, f.position());
        assertEquals("IUSBDeviceFilter_setActive", f.operation());
        assertEquals(List.of("active", "false"), f.parameters());
    }

    @Test
    void aNewXhciControllerGetsVirtualBoxsOwnName() {
        EditStep.OnMachine s = (EditStep.OnMachine) MachineEdits.of(VM,
                List.of(new ConfigChange.AddUsbController(UsbControllerType.XHCI))).get(0);
        assertEquals(List.of("name", "xHCI", "type", "XHCI"), s.parameters());
    }

    @Test
    void changesVirtualBoxCannotMakeAreRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> MachineEdits.of(VM,
                List.of(new ConfigChange.AddUsbController(UsbControllerType.UHCI))));
        assertThrows(IllegalArgumentException.class, () -> MachineEdits.of(VM,
                List.of(new ConfigChange.RemoveUsbFilter("usbfilter:None", ""))));
    }
}
