package org.hvdiag.hyperv.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.hvdiag.core.tls.Thumbprint;

/**
 * An HTTPS listener on 127.0.0.1 with a fresh self-signed certificate (made with the JDK's keytool),
 * answering POSTs from a script and keeping the requests' headers and bodies. Enough to test the
 * transport's TLS, authentication and status handling; not a WinRM service.
 */
final class LoopbackHttps implements AutoCloseable {
    record Request(List<String> headers, String body) {
        String header(String name) {
            for (String h : headers) {
                int c = h.indexOf(':');
                if (c > 0 && h.substring(0, c).trim().equalsIgnoreCase(name)) {
                    return h.substring(c + 1).trim();
                }
            }
            return null;
        }
    }

    private record Scripted(int status, String contentType, String extraHeader, String body) {
    }

    private final ServerSocket server;
    private final String thumbprint;
    private final LinkedBlockingQueue<Scripted> script = new LinkedBlockingQueue<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    LoopbackHttps(Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "winrm", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        thumbprint = Thumbprint.of((X509Certificate) store.getCertificate("winrm"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = ctx.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "loopback-https");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String thumbprint() {
        return thumbprint;
    }

    LoopbackHttps answer(int status, String contentType, String body) {
        script.add(new Scripted(status, contentType, null, body));
        return this;
    }

    LoopbackHttps answer(int status, String contentType, String extraHeader, String body) {
        script.add(new Scripted(status, contentType, extraHeader, body));
        return this;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    List<String> headers = new ArrayList<>();
                    String line = line(in);
                    if (line == null) {
                        break;
                    }
                    headers.add(line);
                    int length = 0;
                    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                        headers.add(h);
                        if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(h.substring(15).trim());
                        }
                    }
                    requests.add(new Request(headers, new String(in.readNBytes(length), StandardCharsets.UTF_8)));
                    Scripted a = script.poll();
                    if (a == null) {
                        a = new Scripted(503, "text/plain", null, "nothing scripted");
                    }
                    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
                    String head = "HTTP/1.1 " + a.status() + " X\r\nContent-Type: " + a.contentType() + "\r\n"
                            + (a.extraHeader() == null ? "" : a.extraHeader() + "\r\n")
                            + "Content-Length: " + body.length + "\r\n\r\n";
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // a client that hung up or refused the certificate: wait for the next one
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
