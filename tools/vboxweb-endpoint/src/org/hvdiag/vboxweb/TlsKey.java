package org.hvdiag.vboxweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * --tls: a self-signed key for 127.0.0.1 made with the JDK's keytool into a temporary keystore
 * (deleted again at once), and the certificate's SHA-256 fingerprint a client pins.
 */
record TlsKey(SSLContext context, String thumbprint) {

    static TlsKey create() throws IOException, GeneralSecurityException, InterruptedException {
        Path dir = Files.createTempDirectory("vboxweb-endpoint-tls");
        Path store = dir.resolve("endpoint.p12");
        char[] pass = HexFormat.of().formatHex(SecureRandom.getSeed(12)).toCharArray();
        try {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "vboxweb", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "7", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(pass),
                    "-keypass", new String(pass))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
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
            Certificate cert = ks.getCertificate("vboxweb");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return new TlsKey(ctx, HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }
}
