package org.hvdiag.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerOffBehaviour;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

class ChangePreviewTest {
    private static final UsbController EHCI = new UsbController("ehci", UsbControllerType.EHCI, "", false);
    private static final UsbDevice MOUSE = new UsbDevice("ehci:0", 0x046d, 0xc077, "mouse", UsbSpeed.USB_1_1, "ehci", false);

    private static Vm vm() {
        return Vm.builder("/vms/a.vmx", HypervisorKind.VMWARE_WORKSTATION).name("A").hardwareVersion(HardwareVersion.vmx(14))
                .vcpus(4).memoryMiB(4096).cpuHotAdd(true).usbControllers(List.of(EHCI)).usbDevices(List.of(MOUSE))
                .powerOffBehaviour(PowerOffBehaviour.HARD).rawProperties(Map.of("powerType.powerOff", "hard")).build();
    }

    @Test
    void showsEachChangedFieldBeforeAndAfter() {
        Vm before = vm();
        ChangePlan plan = ChangePlan.of(before, "r", List.of(VmField.POWER_OFF_BEHAVIOUR, VmField.HARDWARE_VERSION),
                List.of(new ConfigChange.SetAdvancedSetting("powerType.powerOff", "soft"),
                        new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(21))));
        Vm after = ChangePreview.apply(before, plan);
        List<ChangePreview.FieldChange> diffs = ChangePreview.differences(before, after);
        assertEquals(List.of(
                new ChangePreview.FieldChange(VmField.HARDWARE_VERSION, "vmx-14", "vmx-21"),
                new ChangePreview.FieldChange(VmField.POWER_OFF_BEHAVIOUR, "HARD", "SOFT")), diffs);
        assertEquals("soft", after.raw("powerType.powerOff"));
    }

    @Test
    void replacingAControllerMovesNothingSilently() {
        Vm before = vm();
        Vm after = ChangePreview.apply(before, List.of(new ConfigChange.RemoveUsbDevice("ehci:0", "mouse"),
                new ConfigChange.RemoveUsbController("ehci", UsbControllerType.EHCI),
                new ConfigChange.AddUsbController(UsbControllerType.XHCI)));
        assertTrue(after.usbDevices().isEmpty());
        assertEquals(List.of(UsbControllerType.XHCI), after.usbControllers().stream().map(UsbController::type).toList());
        assertEquals(2, ChangePreview.differences(before, after).size());
    }

    @Test
    void refusesWhatTheHypervisorWouldRefuse() {
        Vm before = vm();
        assertThrows(IllegalArgumentException.class, () -> ChangePreview.apply(before,
                List.of(new ConfigChange.RemoveUsbController("ehci", UsbControllerType.EHCI))), "devices still on it");
        assertThrows(IllegalArgumentException.class, () -> ChangePreview.apply(before,
                List.of(new ConfigChange.AddUsbController(UsbControllerType.EHCI))), "a second controller of a type");
        assertThrows(IllegalArgumentException.class, () -> ChangePreview.apply(before,
                List.of(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(13)))), "a downgrade");
        assertThrows(IllegalArgumentException.class, () -> ChangePreview.apply(before,
                List.of(new ConfigChange.RemoveUsbDevice("nope", ""))), "no such device");
    }

    @Test
    void refusesAStalePlan() {
        Vm before = vm();
        ChangePlan plan = ChangePlan.of(before, "r", List.of(VmField.CPU_HOT_ADD), List.of(new ConfigChange.SetCpuHotAdd(false)));
        Vm changedSince = before.toBuilder().cpuHotAdd(false).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChangePreview.apply(changedSince, plan));
        assertTrue(e.getMessage().contains("CPU hot-add"), e.getMessage());
    }
}
