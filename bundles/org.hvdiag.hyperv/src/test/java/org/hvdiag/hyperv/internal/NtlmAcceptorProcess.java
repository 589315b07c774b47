package org.hvdiag.hyperv.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.hvdiag.core.tls.Thumbprint;

/**
 * src/test/resources/ntlm-acceptor.py run by a test: an HTTPS listener whose NTLM is gss-ntlmssp's
 * (through python3-gssapi), on a free loopback port, with a fresh certificate and the users a test gives.
 * Missing packages fail the test naming them: these tests never skip.
 */
final class NtlmAcceptorProcess implements AutoCloseable {
    static final String PACKAGES = "gss-ntlmssp python3-gssapi";
    static final String COMPUTER = "HV-LAB-01";
    static final String DOMAIN = "LAB";
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final int port;
    private final String thumbprint;
    private final Path log;

    private NtlmAcceptorProcess(Process process, int port, String thumbprint, Path log) {
        this.process = process;
        this.port = port;
        this.thumbprint = thumbprint;
        this.log = log;
    }

    /**
     * @param users lines DOMAIN:user:password (gss-ntlmssp's user file)
     * @param bindOtherCertificate when true the acceptor expects channel bindings of another certificate
     *        than the one it serves, as a server behind a TLS-intercepting proxy would
     */
    static NtlmAcceptorProcess start(Path dir, List<String> users, boolean bindOtherCertificate) throws Exception {
        requirePackages();
        Files.createDirectories(dir);
        Path script = Path.of(System.getProperty("hvdiag.repo", "../.."))
                .resolve("bundles/org.hvdiag.hyperv/src/test/resources/ntlm-acceptor.py").toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("the NTLM acceptor script is missing: " + script);
        }
        X509Certificate served = certificate(dir, "served");
        certificate(dir, "other");
        Path userFile = dir.resolve("ntlm-users");
        Files.write(userFile, users, StandardCharsets.UTF_8);
        Path log = dir.resolve("acceptor.log");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), "--cert", dir.resolve("served.pem").toString(),
                "--key", dir.resolve("served.key").toString());
        if (bindOtherCertificate) {
            pb.command().addAll(List.of("--binding-cert", dir.resolve("other.pem").toString()));
        }
        pb.environment().put("NTLM_USER_FILE", userFile.toString());
        pb.environment().put("NETBIOS_COMPUTER_NAME", COMPUTER);
        pb.environment().put("NETBIOS_DOMAIN_NAME", DOMAIN);
        pb.redirectError(log.toFile());
        Process p = pb.start();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            // A start-up wait, not a timing check: gss-ntlmssp loads in well under a second.
            line = first.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.startsWith("listening on ")) {
            p.destroyForcibly();
            throw new AssertionError("the NTLM acceptor did not start (needs Debian packages " + PACKAGES
                    + "; tools/install-packages installs them): " + Files.readString(log));
        }
        return new NtlmAcceptorProcess(p, Integer.parseInt(line.substring("listening on ".length()).strip()),
                Thumbprint.of(served), log);
    }

    private static void requirePackages() throws Exception {
        boolean mech = Files.isRegularFile(Path.of("/etc/gss/mech.d/mech.ntlmssp.conf"));
        Process p = new ProcessBuilder(PYTHON, "-c", "import gssapi").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !mech) {
            throw new AssertionError("the NTLM interoperability test needs the Debian packages " + PACKAGES
                    + " (listed in tools/debian-packages.txt; tools/install-packages installs them)"
                    + (mech ? "" : "; gss-ntlmssp's /etc/gss/mech.d/mech.ntlmssp.conf is missing") + (out.isBlank() ? ""
                            : "; " + PYTHON + " -c 'import gssapi' says: " + out.strip()));
        }
    }

    /** A self-signed EC certificate for 127.0.0.1 as NAME.pem and its key as NAME.key (PKCS#8 PEM). */
    private static X509Certificate certificate(Path dir, String name) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "winrm", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        X509Certificate cert = (X509Certificate) store.getCertificate("winrm");
        PrivateKey key = (PrivateKey) store.getKey("winrm", "changeit".toCharArray());
        Files.writeString(dir.resolve(name + ".pem"), pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
        return cert;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    int port() {
        return port;
    }

    String thumbprint() {
        return thumbprint;
    }

    /** What the acceptor logged (requests and gss-ntlmssp's refusals), for assertion messages. */
    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
