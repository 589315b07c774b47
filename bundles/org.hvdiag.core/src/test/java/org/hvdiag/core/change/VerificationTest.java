package org.hvdiag.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbController;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbFilter;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/** The one check of a push: what the model predicts must read back from the hypervisor. */
class VerificationTest {
    private static final UsbController UHCI = new UsbController("7000", UsbControllerType.UHCI, "", false);
    private static final UsbDevice STICK = new UsbDevice("8000", 0x0781, 0x5567, "stick", UsbSpeed.USB_3_X, "7000", true);
    private static final UsbFilter ANY = new UsbFilter("usb.generic.autoconnect", "", -1, -1, "", "TRUE", true);

    private static Vm before() {
        return Vm.builder("vm-1", HypervisorKind.VSPHERE).name("db01").powerState(PowerState.POWERED_OFF)
                .hardwareVersion(HardwareVersion.vmx(13)).vcpus(2).memoryMiB(4096)
                .usbControllers(List.of(UHCI)).usbDevices(List.of(STICK)).usbFilters(List.of(ANY))
                .toolsUpgradePolicy("manual").rawProperties(Map.of("Tools.Upgrade.Policy", "manual")).build();
    }

    private static final List<ConfigChange> PLAN = List.of(
            new ConfigChange.RemoveUsbDevice("8000", "stick"),
            new ConfigChange.SetAutoConnect("usb.generic.autoconnect", false),
            new ConfigChange.AddUsbController(UsbControllerType.XHCI),
            new ConfigChange.SetVcpus(4),
            new ConfigChange.SetAdvancedSetting("tools.upgrade.policy", "upgradeAtPowerCycle"),
            new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(19)));

    /** As a hypervisor really answers: its own id for the new controller, an extra companion, the rule deleted. */
    private static Vm asTheServerReadsIt() {
        return before().toBuilder().hardwareVersion(HardwareVersion.vmx(19)).vcpus(4)
                .usbControllers(List.of(UHCI, new UsbController("14000", UsbControllerType.XHCI, "", false),
                        new UsbController("7000-ehci", UsbControllerType.EHCI, "", false)))
                .usbDevices(List.of()).usbFilters(List.of())
                .toolsUpgradePolicy("upgradeAtPowerCycle").rawProperties(Map.of("tools.upgrade.policy", "upgradeAtPowerCycle")).build();
    }

    @Test
    void aPlanThatHoldsHasNothingUnmetAlthoughTheHypervisorDidMore() {
        assertEquals(List.of(), Verification.unmet(before(), PLAN, asTheServerReadsIt()));
    }

    @Test
    void eachValueThatDidNotChangeAsPredictedIsNamed() {
        Vm reread = asTheServerReadsIt().toBuilder().vcpus(2).hardwareVersion(HardwareVersion.vmx(13))
                .usbControllers(List.of(UHCI)).usbDevices(List.of(STICK)).usbFilters(List.of(ANY))
                .toolsUpgradePolicy("manual").rawProperties(Map.of("Tools.Upgrade.Policy", "manual")).build();
        List<String> unmet = Verification.unmet(before(), PLAN, reread);
        assertEquals(List.of(
                "hardware version is 'vmx-13', expected 'vmx-19'",
                "vCPUs is '2', expected '4'",
                "tools upgrade policy is 'manual', expected 'upgradeAtPowerCycle'",
                "no USB 3.x (xHCI) controller",
                "USB device 8000 is still there",
                "autoconnect rule usb.generic.autoconnect is still active",
                "tools.upgrade.policy is 'manual', expected 'upgradeAtPowerCycle'"), unmet);
    }

    @Test
    void anInactiveRuleCountsAsRemoved() {
        Vm reread = asTheServerReadsIt().toBuilder().usbFilters(List.of(new UsbFilter(ANY.id(), "", -1, -1, "", "FALSE", false))).build();
        assertEquals(List.of(), Verification.unmet(before(), PLAN, reread));
    }

    @Test
    void aValueThePlanDoesNotTouchIsNotCompared() {
        Vm reread = asTheServerReadsIt().toBuilder().memoryMiB(8192).powerState(PowerState.POWERED_ON).build();
        assertEquals(List.of(), Verification.unmet(before(), PLAN, reread));
    }

    @Test
    void aPlanTheModelRefusesCannotBeVerified() {
        List<String> unmet = Verification.unmet(before(), List.of(new ConfigChange.RemoveUsbController("7000", UsbControllerType.UHCI)),
                before());
        assertEquals(1, unmet.size());
        assertTrue(unmet.get(0).startsWith("the model cannot predict the result: cannot remove"), unmet.get(0));
    }
}
