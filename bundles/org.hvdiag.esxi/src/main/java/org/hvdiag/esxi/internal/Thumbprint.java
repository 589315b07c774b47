package org.hvdiag.esxi.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

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

    /**
     * The canonical form of what an admin typed (colons or not, any case), or null when it is not a
     * SHA-256 thumbprint; a SHA-1 thumbprint (20 bytes) is refused as too weak to pin.
     */
    public static String normalise(String typed) {
        String hex = typed.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (hex.length() != 64 || !hex.matches("[0-9A-F]+")) {
            return null;
        }
        StringBuilder sb = new StringBuilder(95);
        for (int i = 0; i < 64; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
