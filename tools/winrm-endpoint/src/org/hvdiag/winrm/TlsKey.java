package org.hvdiag.winrm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed key for 127.0.0.1 made with the JDK's keytool into a temporary keystore (deleted
 * at once), the certificate's SHA-256 fingerprint a client pins, and the certificate as PEM for
 * clients that verify against a CA file.
 */
/** @param der the certificate, whose hash NTLM clients bind their logon to */
record TlsKey(SSLContext context, String thumbprint, String pem, byte[] der) {

    static TlsKey create() throws IOException, GeneralSecurityException, InterruptedException {
        Path dir = Files.createTempDirectory("winrm-endpoint-tls");
        Path store = dir.resolve("endpoint.p12");
        char[] pass = HexFormat.of().formatHex(SecureRandom.getSeed(12)).toCharArray();
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "winrm", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "7", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(pass),
                    "-keypass", new String(pass))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("keytool failed: " + out.strip());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            Certificate cert = ks.getCertificate("winrm");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return new TlsKey(ctx, HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), pem, cert.getEncoded());
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }
}
