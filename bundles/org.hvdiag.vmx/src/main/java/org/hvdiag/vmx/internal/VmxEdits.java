package org.hvdiag.vmx.internal;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.Vm;

/**
 * Each {@link ConfigChange} as edits to .vmx keys, made in the file's lines (not yet on disk).
 * Whether the change then holds is checked by core's {@code Verification} on the re-read VM.
 */
final class VmxEdits implements ConfigChange.Visitor<Void> {
    private static final String TRUE = "TRUE";
    private static final String FALSE = "FALSE";

    private final VmxFile f;
    private final Vm current;

    private VmxEdits(VmxFile f, Vm current) {
        this.f = f;
        this.current = current;
    }

    /**
     * Makes the change in the file's lines.
     *
     * @throws IllegalArgumentException when a .vmx cannot express the change; the message says why
     */
    static void apply(ConfigChange c, VmxFile f, Vm current) {
        c.accept(new VmxEdits(f, current));
    }

    @Override
    public Void addUsbController(ConfigChange.AddUsbController c) {
        switch (c.type()) {
            case XHCI -> f.set(UsbSettings.XHCI + ".present", TRUE);
            // VMware's EHCI controller works only beside its UHCI companion; the UI adds both.
            case EHCI -> {
                f.set(UsbSettings.UHCI + ".present", TRUE);
                f.set(UsbSettings.EHCI + ".present", TRUE);
            }
            case UHCI -> f.set(UsbSettings.UHCI + ".present", TRUE);
            default -> throw new IllegalArgumentException("VMware has no " + c.type().label() + " controller");
        }
        return null;
    }

    @Override
    public Void removeUsbController(ConfigChange.RemoveUsbController c) {
        String id = c.controllerId();
        if (id.equalsIgnoreCase(UsbSettings.UHCI)) {
            // Without UHCI the EHCI companion cannot work, so it goes too.
            f.set(UsbSettings.UHCI + ".present", FALSE);
            f.set(UsbSettings.EHCI + ".present", FALSE);
        } else if (id.equalsIgnoreCase(UsbSettings.EHCI)) {
            f.set(UsbSettings.EHCI + ".present", FALSE);
        } else if (id.equalsIgnoreCase(UsbSettings.XHCI)) {
            f.set(UsbSettings.XHCI + ".present", FALSE);
        } else {
            throw new IllegalArgumentException("no USB controller '" + id + "' in a .vmx (expected usb, ehci or usb_xhci)");
        }
        return null;
    }

    @Override
    public Void removeUsbDevice(ConfigChange.RemoveUsbDevice c) {
        f.removeStartingWith(devicePrefix(c.deviceId()));
        return null;
    }

    @Override
    public Void removeUsbFilter(ConfigChange.RemoveUsbFilter c) {
        disableFilter(c.filterId(), f);
        return null;
    }

    @Override
    public Void setAutoConnect(ConfigChange.SetAutoConnect s) {
        if (!s.enabled()) {
            disableFilter(s.objectId(), f);
        } else if (s.objectId().equalsIgnoreCase(UsbSettings.GENERIC_AUTOCONNECT)) {
            f.set(UsbSettings.GENERIC_AUTOCONNECT, TRUE);
        } else if (!(UsbSettings.autoConnectIndex(s.objectId()) >= 0 && f.has(s.objectId()))) {
            throw new IllegalArgumentException("cannot turn on autoconnect for '" + s.objectId() + "' in a .vmx "
                    + "(only usb.generic.autoconnect and existing usb.autoConnect.deviceN rules)");
        }
        return null;
    }

    @Override
    public Void upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) {
        HardwareVersion to = c.to();
        if (to.family() != HardwareVersion.Family.VMX) {
            throw new IllegalArgumentException(to + " is not a VMware hardware version");
        }
        HardwareVersion now = current.hardwareVersion();
        if (now != null && now.family() == to.family() && now.compareTo(to) > 0) {
            throw new IllegalArgumentException("the VM has " + now + " already; " + to + " would be a downgrade");
        }
        f.set("virtualHW.version", String.valueOf(to.major()));
        return null;
    }

    @Override
    public Void setCpuHotAdd(ConfigChange.SetCpuHotAdd c) {
        f.set("vcpu.hotadd", flag(c.enabled()));
        return null;
    }

    @Override
    public Void setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) {
        f.set("mem.hotadd", flag(c.enabled()));
        return null;
    }

    @Override
    public Void setVcpus(ConfigChange.SetVcpus c) {
        f.set("numvcpus", String.valueOf(c.count()));
        return null;
    }

    @Override
    public Void setMemory(ConfigChange.SetMemory c) {
        f.set("memsize", String.valueOf(c.mebibytes()));
        return null;
    }

    @Override
    public Void setAdvancedSetting(ConfigChange.SetAdvancedSetting a) {
        if (a.key().equalsIgnoreCase(".encoding")) {
            // Changing it would make every non-ASCII byte of the file mean something else.
            throw new IllegalArgumentException("hvdiag does not change .encoding");
        }
        if (a.value() == null) {
            f.remove(a.key());
        } else {
            f.set(a.key(), a.value());
        }
        return null;
    }

    @Override
    public Void setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) {
        throw hypervOnly(c);
    }

    @Override
    public Void setDynamicMemory(ConfigChange.SetDynamicMemory c) {
        throw hypervOnly(c);
    }

    @Override
    public Void setNestedVirtualization(ConfigChange.SetNestedVirtualization c) {
        throw hypervOnly(c);
    }

    @Override
    public Void setIntegrationService(ConfigChange.SetIntegrationService c) {
        throw hypervOnly(c);
    }

    @Override
    public Void setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) {
        throw hypervOnly(c);
    }

    private static IllegalArgumentException hypervOnly(ConfigChange c) {
        return new IllegalArgumentException("cannot " + c.describe() + ": that is a Hyper-V setting, which a .vmx does not have");
    }

    /** "usb_xhci:4" becomes "usb_xhci:4."; anything but controller:slot is refused, lest "usb" remove all usb.* keys. */
    private static String devicePrefix(String deviceId) {
        int colon = deviceId.indexOf(':');
        String controller = colon < 0 ? "" : deviceId.substring(0, colon);
        boolean slot = colon >= 0 && colon + 1 < deviceId.length();
        for (int i = colon + 1; slot && i < deviceId.length(); i++) {
            slot = Character.isDigit(deviceId.charAt(i));
        }
        if (!slot || !(controller.equalsIgnoreCase(UsbSettings.UHCI) || controller.equalsIgnoreCase(UsbSettings.EHCI)
                || controller.equalsIgnoreCase(UsbSettings.XHCI))) {
            throw new IllegalArgumentException("'" + deviceId + "' is not a .vmx USB device (expected e.g. usb_xhci:4)");
        }
        return deviceId + ".";
    }

    private static void disableFilter(String id, VmxFile f) {
        if (id.equalsIgnoreCase(UsbSettings.GENERIC_AUTOCONNECT)) {
            f.set(UsbSettings.GENERIC_AUTOCONNECT, FALSE);
        } else if (UsbSettings.autoConnectIndex(id) >= 0) {
            f.remove(id);
        } else {
            throw new IllegalArgumentException("'" + id + "' is not a .vmx autoconnect rule (expected "
                    + "usb.generic.autoconnect or usb.autoConnect.deviceN)");
        }
    }

    private static String flag(boolean on) {
        return on ? TRUE : FALSE;
    }
}
