package org.hvdiag.core.model;

public enum UsbSpeed {
    USB_1_1("1.1"), USB_2_0("2.0"), USB_3_X("3.x"), UNKNOWN("unknown");

    private final String label;

    UsbSpeed(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
