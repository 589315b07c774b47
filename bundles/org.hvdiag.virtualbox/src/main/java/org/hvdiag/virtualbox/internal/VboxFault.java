package org.hvdiag.virtualbox.internal;

import java.util.Locale;

import org.hvdiag.core.connector.ConnectorException;

/**
 * VirtualBox refused an operation: its own message and result code (VBOX_E_INVALID_OBJECT_STATE when
 * a machine is locked by another session, VBOX_E_INVALID_VM_STATE when it must be off, ...).
 */
final class VboxFault extends ConnectorException {
    private static final long serialVersionUID = 1L;

    static final long VBOX_E_OBJECT_NOT_FOUND = 0x80BB0001L;
    static final long VBOX_E_INVALID_VM_STATE = 0x80BB0002L;
    static final long VBOX_E_INVALID_OBJECT_STATE = 0x80BB0007L;
    static final long VBOX_E_OBJECT_IN_USE = 0x80BB000CL;

    private final String operation;
    private final long resultCode;
    private final String reason;

    VboxFault(String operation, long resultCode, String reason) {
        super("VirtualBox refused " + operation + ": " + reason
                + (resultCode == 0 ? "" : " (" + String.format(Locale.ROOT, "0x%08X", resultCode) + ")"));
        this.operation = operation;
        this.resultCode = resultCode;
        this.reason = reason;
    }

    static VboxFault of(String operation, SoapReply.Fault f) {
        long code = 0;
        String rc = f.resultCode().trim();
        try {
            // gSOAP writes the HRESULT as a signed 32-bit int.
            code = rc.isEmpty() ? 0 : Integer.toUnsignedLong((int) Long.parseLong(rc));
        } catch (NumberFormatException e) {
            code = 0;
        }
        String why = f.text().isBlank() ? f.code() : f.text().trim();
        if (!f.badObject().isEmpty()) {
            why = "the object reference " + f.badObject() + " is not valid (any more): " + why;
        }
        return new VboxFault(operation, code, why);
    }

    String operation() {
        return operation;
    }

    long resultCode() {
        return resultCode;
    }

    /** VirtualBox's own words, without the operation. */
    String reason() {
        return reason;
    }
}
