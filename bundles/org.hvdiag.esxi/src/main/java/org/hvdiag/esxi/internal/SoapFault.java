package org.hvdiag.esxi.internal;

/**
 * A SOAP fault the server answered instead of a result: its vSphere fault type (InvalidArgument,
 * NotAuthenticated...) when the detail names one, and its faultstring. Never holds request data.
 */
final class SoapFault extends Exception {
    private static final long serialVersionUID = 1L;
    private final String type;

    SoapFault(String type, String message) {
        super(message);
        this.type = type;
    }

    /** The fault's type name, or null when the detail named none. */
    String type() {
        return type;
    }
}
