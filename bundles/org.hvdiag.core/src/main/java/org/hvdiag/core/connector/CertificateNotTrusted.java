package org.hvdiag.core.connector;


/**
 * A server certificate that is neither signed by an authority this machine trusts nor the one the
 * admin said to trust. Carries the certificate's SHA-256 thumbprint so the CLI can print it and the
 * workbench can ask the admin to confirm it; once confirmed, connect again with it as the
 * endpoint's "thumbprint" option.
 */
public class CertificateNotTrusted extends ConnectorException {
    private static final long serialVersionUID = 1L;

    private final String thumbprint;

    public CertificateNotTrusted(String message, String thumbprint) {
        super(message);
        this.thumbprint = thumbprint;
    }

    /** "AA:BB:..." (64 hex digits in pairs, upper case), as ESXi and vCenter show it. */
    public String thumbprint() {
        return thumbprint;
    }
}
