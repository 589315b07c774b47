package org.hvdiag.core.vmware;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.UsbControllerType;

/**
 * What VMware's products share about changes, for the .vmx and vSphere connectors: VMware emulates
 * UHCI, EHCI and xHCI (OHCI is VirtualBox's and QEMU's), controllers and the hardware version change
 * only on a powered-off VM, and only to a VMware hardware version.
 */
public final class VmwareChangeSupport {
    private VmwareChangeSupport() {
    }

    public static ChangeSupport controller(UsbControllerType type) {
        return type == UsbControllerType.OHCI ? ChangeSupport.UNSUPPORTED : ChangeSupport.POWERED_OFF_ONLY;
    }

    public static ChangeSupport controller(ConfigChange.AddUsbController c) {
        return controller(c.type());
    }

    public static ChangeSupport controller(ConfigChange.RemoveUsbController c) {
        return controller(c.type());
    }

    public static ChangeSupport upgrade(ConfigChange.UpgradeHardwareVersion c) {
        return c.to().family() == HardwareVersion.Family.VMX ? ChangeSupport.POWERED_OFF_ONLY : ChangeSupport.UNSUPPORTED;
    }
}
