package org.hvdiag.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

/** Plans of several rules on one VM become one plan a hypervisor accepts. */
class ChangePlanTest {
    private final Vm vm = Vm.builder("vm-7", HypervisorKind.VSPHERE).name("web-7").hardwareVersion(HardwareVersion.vmx(13))
            .usbControllers(List.of(new UsbController("7000", UsbControllerType.UHCI, "", false),
                    new UsbController("7000/ehci", UsbControllerType.EHCI, "", false),
                    new UsbController("14000", UsbControllerType.XHCI, "", true)))
            .build();

    @Test
    void mergedChangesKeepTheOrderTheApiDemandsAndAppearOnce() {
        ChangePlan upgrade = ChangePlan.of(vm, "hw-older-than-host", List.of(VmField.HARDWARE_VERSION),
                List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(21))));
        ChangePlan replace = ChangePlan.of(vm, "usb-ehci-and-xhci-windows", List.of(VmField.USB_CONTROLLERS),
                List.of(new ConfigChange.RemoveUsbController("7000/ehci", UsbControllerType.EHCI),
                        new ConfigChange.RemoveUsbDevice("13001", "stick")));
        ChangePlan again = ChangePlan.of(vm, "usb-duplicate-controller", List.of(VmField.USB_CONTROLLERS),
                List.of(new ConfigChange.RemoveUsbDevice("13001", "stick")));
        ChangePlan merged = upgrade.merge(replace).merge(again);
        assertEquals(List.of(new ConfigChange.RemoveUsbDevice("13001", "stick"),
                new ConfigChange.RemoveUsbController("7000/ehci", UsbControllerType.EHCI),
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(21))), merged.changes());
        assertEquals(List.of("hw-older-than-host", "usb-ehci-and-xhci-windows", "usb-duplicate-controller"), merged.ruleIds());
        assertEquals(2, merged.preconditions().size(), "each checked field once");
    }

    @Test
    void turningOffAutoconnectOnSomethingRemovedIsLeftToTheRemoval() {
        ChangePlan remove = ChangePlan.of(vm, "usb-ehci-and-xhci-windows", List.of(VmField.USB_DEVICES),
                List.of(new ConfigChange.RemoveUsbDevice("13001", "stick")));
        ChangePlan quiet = ChangePlan.of(vm, "usb-autoconnect-on-server", List.of(VmField.USB_DEVICES),
                List.of(new ConfigChange.SetAutoConnect("13001", false), new ConfigChange.SetAutoConnect("14000", false)));
        assertEquals(List.of(new ConfigChange.RemoveUsbDevice("13001", "stick"), new ConfigChange.SetAutoConnect("14000", false)),
                remove.merge(quiet).changes());
    }

    @Test
    void plansMadeFromDifferentStatesAreRefused() {
        ChangePlan a = new ChangePlan("vm-7", "web-7", List.of("a"),
                List.of(new Precondition.FieldIs(VmField.HARDWARE_VERSION, "vmx-13")), List.of(new ConfigChange.SetCpuHotAdd(false)));
        ChangePlan b = new ChangePlan("vm-7", "web-7", List.of("b"),
                List.of(new Precondition.FieldIs(VmField.HARDWARE_VERSION, "vmx-11")), List.of(new ConfigChange.SetVcpus(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
        assertTrue(e.getMessage().contains("conflicting plans for web-7"), e.getMessage());
    }

    @Test
    void aStalePlanSaysWhatChanged() {
        ChangePlan plan = ChangePlan.of(vm, "hw-older-than-host", List.of(VmField.HARDWARE_VERSION),
                List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(21))));
        assertEquals(null, plan.violation(vm));
        Vm upgraded = vm.toBuilder().hardwareVersion(HardwareVersion.vmx(19)).build();
        assertEquals("hardware version is now 'vmx-19', the plan was made for 'vmx-13'", plan.violation(upgraded));
    }
}
