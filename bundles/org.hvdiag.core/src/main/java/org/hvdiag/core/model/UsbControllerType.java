package org.hvdiag.core.model;

/** The four host controller interfaces a hypervisor emulates, with the USB generation each serves. */
public enum UsbControllerType {
    UHCI("USB 1.1 (UHCI)"),
    OHCI("USB 1.1 (OHCI)"),
    EHCI("USB 2.0 (EHCI)"),
    XHCI("USB 3.x (xHCI)");

    private final String label;

    UsbControllerType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** UHCI and OHCI both serve USB 1.1 only. */
    public boolean isUsb1() {
        return this == UHCI || this == OHCI;
    }
}
