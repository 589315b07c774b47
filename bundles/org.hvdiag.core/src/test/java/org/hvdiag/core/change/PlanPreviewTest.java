package org.hvdiag.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

class PlanPreviewTest {
    private static Vm vm(PowerState state) {
        return Vm.builder("/vms/a.vmx", HypervisorKind.VMWARE_WORKSTATION).name("a").powerState(state)
                .hardwareVersion(HardwareVersion.vmx(10)).vcpus(2).build();
    }

    private static ChangePlan plan(Vm vm, ConfigChange... changes) {
        return ChangePlan.of(vm, "r", List.of(VmField.VCPUS), List.of(changes));
    }

    @Test
    void showsBeforeAndAfterAndThatTheVmMustBeOff() {
        Vm on = vm(PowerState.POWERED_ON);
        PlanPreview p = PlanPreview.of(plan(on, new ConfigChange.SetVcpus(4)), on, "vmx", c -> ChangeSupport.POWERED_OFF_ONLY);
        assertEquals(List.of(new ChangePreview.FieldChange(VmField.VCPUS, "2", "4")), p.changes());
        assertTrue(p.mustPowerOff());
        assertFalse(p.blocked());
        assertFalse(PlanPreview.of(plan(vm(PowerState.POWERED_OFF), new ConfigChange.SetVcpus(4)), vm(PowerState.POWERED_OFF), "vmx",
                c -> ChangeSupport.POWERED_OFF_ONLY).mustPowerOff());
    }

    @Test
    void aChangeTheConnectorCannotMakeBlocksTheVm() {
        Vm off = vm(PowerState.POWERED_OFF);
        PlanPreview p = PlanPreview.of(plan(off, new ConfigChange.AddUsbController(UsbControllerType.OHCI)), off, "vmx",
                c -> ChangeSupport.UNSUPPORTED);
        assertEquals("add USB 1.1 (OHCI) controller is not supported by vmx", p.blocker());
    }

    @Test
    void aPlanTheModelRefusesBlocksTheVmWithTheModelsReason() {
        Vm off = vm(PowerState.POWERED_OFF);
        PlanPreview p = PlanPreview.of(plan(off, new ConfigChange.RemoveUsbDevice("usb:1", "mouse")), off, "vmx",
                c -> ChangeSupport.POWERED_OFF_ONLY);
        assertTrue(p.blocker().startsWith("cannot remove USB device mouse (usb:1)"), p.blocker());
        assertEquals(List.of(), p.changes());
    }

    @Test
    void aStalePlanBlocksTheVm() {
        Vm off = vm(PowerState.POWERED_OFF);
        ChangePlan plan = plan(off, new ConfigChange.SetVcpus(4));
        Vm changed = off.toBuilder().vcpus(8).build();
        PlanPreview p = PlanPreview.of(plan, changed, "vmx", c -> ChangeSupport.POWERED_OFF_ONLY);
        assertTrue(p.blocker().contains("vCPUs is now '8', the plan was made for '2'"), p.blocker());
    }
}
