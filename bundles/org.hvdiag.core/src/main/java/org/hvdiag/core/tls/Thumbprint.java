package org.hvdiag.core.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** SHA-256 certificate thumbprints, written "AA:BB:..." as ESXi and vCenter show them. */
public final class Thumbprint {
    private Thumbprint() {
    }

    public static String of(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            StringBuilder sb = new StringBuilder(d.length * 3);
            for (byte b : d) {
                if (sb.length() > 0) {
                    sb.append(':');
                }
                sb.append(String.format("%02X", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a SHA-256 thumbprint", e);
        }
    }
}
