package org.hvdiag.vboxweb;

/**
 * The COM result codes VirtualBox answers with (VirtualBox's VBox/com/defs.h and the VBOX_E_ codes
 * of its XIDL). The web service puts them into RuntimeFault/resultCode as a signed xsd:int.
 */
enum ResultCode {
    VBOX_E_OBJECT_NOT_FOUND(0x80BB0001),
    VBOX_E_INVALID_VM_STATE(0x80BB0002),
    VBOX_E_FILE_ERROR(0x80BB0004),
    VBOX_E_IPRT_ERROR(0x80BB0005),
    VBOX_E_INVALID_OBJECT_STATE(0x80BB0007),
    VBOX_E_OBJECT_IN_USE(0x80BB000C),
    E_INVALIDARG(0x80070057),
    E_ACCESSDENIED(0x80070005),
    E_UNEXPECTED(0x8000FFFF),
    E_FAIL(0x80004005);

    final int value;

    ResultCode(int value) {
        this.value = value;
    }

    /** As VirtualBox prints it with %#lx: "0x80bb0007". */
    String hex() {
        return "0x" + Integer.toHexString(value);
    }
}
