package org.hvdiag.vboxweb;

/**
 * An IUSBController: VirtualBox identifies it by name; type is OHCI, EHCI or XHCI. Immutable, so a
 * session machine's copy can share it with the registered machine.
 */
record UsbController(String name, String type) {

    /** IUSBController::USBStandard: the BCD USB version the controller type implements. */
    int usbStandard() {
        return switch (type) {
            case "OHCI" -> 0x0101;
            case "EHCI" -> 0x0200;
            default -> 0x0300;
        };
    }
}
