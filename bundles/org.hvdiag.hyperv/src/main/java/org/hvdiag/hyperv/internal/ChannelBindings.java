package org.hvdiag.hyperv.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * The channel bindings NTLM carries in MsvAvChannelBindings: the MD5 of a GSS-API channel bindings
 * structure (RFC 2744: no addresses) whose application data is "tls-server-end-point:" and the hash of
 * the server's certificate (RFC 5929). Windows' Extended Protection compares it with the certificate it
 * presented, so a response relayed through a TLS interceptor is refused.
 */
final class ChannelBindings {
    private ChannelBindings() {
    }

    static byte[] tlsServerEndPoint(X509Certificate certificate) {
        try {
            byte[] hash = MessageDigest.getInstance(hashOf(certificate.getSigAlgName())).digest(certificate.getEncoded());
            byte[] prefix = "tls-server-end-point:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] data = NtlmV2.concat(prefix, hash);
            // Initiator and acceptor address types and lengths: all zero (16 bytes); then the data's length and data.
            byte[] struct = new byte[20 + data.length];
            Le.put32(struct, 16, data.length);
            System.arraycopy(data, 0, struct, 20, data.length);
            return NtlmV2.md5(struct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the server certificate for channel binding", e);
        }
    }

    /**
     * RFC 5929 4.1: the certificate's signature hash, except MD5 and SHA-1 become SHA-256; a signature
     * without its own hash (RSASSA-PSS names it in parameters, EdDSA has none) is taken as SHA-256, as Windows does.
     */
    static String hashOf(String signatureAlgorithm) {
        String s = signatureAlgorithm.toUpperCase(Locale.ROOT);
        if (s.startsWith("SHA384")) {
            return "SHA-384";
        }
        if (s.startsWith("SHA512")) {
            return "SHA-512";
        }
        return "SHA-256";
    }
}
