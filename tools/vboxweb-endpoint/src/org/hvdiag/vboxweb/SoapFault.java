package org.hvdiag.vboxweb;

/**
 * A SOAP fault that is not a VirtualBox API error: a bad managed object reference, an operation
 * gSOAP does not know, a request gSOAP cannot read, or an operation this endpoint does not serve.
 */
final class SoapFault extends Exception {
    private static final long serialVersionUID = 1L;

    enum Kind { INVALID_OBJECT, NO_METHOD, BAD_REQUEST, NOT_SERVED, LOGON_FAILED }

    final Kind kind;
    /** The bad reference for INVALID_OBJECT, the element name as sent for NO_METHOD. */
    final String subject;

    SoapFault(Kind kind, String subject, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.subject = subject;
    }

    static SoapFault invalidObject(String ref) {
        return new SoapFault(Kind.INVALID_OBJECT, ref, "VirtualBox error: Invalid managed object reference \"" + ref + "\"");
    }
}
