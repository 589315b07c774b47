package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.xml.stream.XMLStreamException;

import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.NetworkFailure;
import org.hvdiag.core.tls.PinnedTrust;

/**
 * The wire to one vboxwebsrv: SOAP requests over HTTP/1.1 keep-alive connections, several at once
 * when callers run in parallel (the web service answers one property per call, so an inventory is
 * thousands of small calls). Counts its calls for the benchmark. Never sees a password except
 * inside the logon request body, which it does not log.
 */
final class VboxWeb implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final VboxUrl url;
    private final HttpClient http;
    private final ExecutorService io;
    private final PinnedTrust trust;
    private final AtomicLong calls = new AtomicLong();

    VboxWeb(VboxUrl url, String thumbprint) throws ConnectorException {
        this.url = url;
        this.trust = url.tls() ? new PinnedTrust(thumbprint == null ? "" : thumbprint) : null;
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hvdiag-vboxweb-io");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(15)).executor(io);
        if (trust != null) {
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {trust}, null);
                b.sslContext(tls);
            } catch (GeneralSecurityException e) {
                throw new ConnectorException("cannot set up TLS for " + url.hostAndPort() + ": " + e.getMessage());
            }
        }
        this.http = b.build();
    }

    VboxUrl url() {
        return url;
    }

    long calls() {
        return calls.get();
    }

    /**
     * Calls one operation; VirtualBox's refusal comes back as {@link VboxFault}, the network's as a
     * {@link ConnectorException} in the admin's words.
     *
     * @param parameters name, value pairs in the WSDL's order
     */
    SoapReply call(String operation, String... parameters) throws ConnectorException {
        HttpRequest request = HttpRequest.newBuilder(url.endpoint()).timeout(TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(SoapRequest.of(operation, parameters))).build();
        calls.incrementAndGet();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failure("call " + operation + " on", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while calling " + operation + " on " + url.hostAndPort());
        }
        SoapReply reply;
        try (InputStream body = response.body()) {
            reply = SoapReply.parse(body);
        } catch (IOException | XMLStreamException e) {
            if (e instanceof IOException io && NetworkFailure.isConnectionLost(io)) {
                throw failure("call " + operation + " on", io);
            }
            throw new ConnectorException(url.hostAndPort() + " answered " + operation + " with HTTP " + response.statusCode()
                    + " and no SOAP reply hvdiag can read (" + e.getMessage() + "): is this a vboxwebsrv?");
        }
        if (reply.fault() != null) {
            throw VboxFault.of(operation, reply.fault());
        }
        if (response.statusCode() != 200) {
            throw new ConnectorException(url.hostAndPort() + " answered " + operation + " with HTTP " + response.statusCode());
        }
        return reply;
    }

    /** A network or certificate failure in the admin's words, naming the server. */
    ConnectorException failure(String what, Exception e) {
        if (trust != null && trust.refusedThumbprint() != null) {
            String t = trust.refusedThumbprint();
            return new CertificateNotTrusted("the certificate of " + url.hostAndPort() + " is not trusted; its SHA-256 "
                    + "thumbprint is " + t + ". If that is your vboxwebsrv's certificate (compare it on the host, e.g. "
                    + "with openssl x509 -fingerprint -sha256 on the file given to vboxwebsrv --ssl-certfile), run "
                    + "again with --thumbprint " + t, t);
        }
        return NetworkFailure.of(url.hostAndPort(), url.server().host(), what, e)
                .orElseGet(() -> new ConnectorException("cannot " + what + " " + url.hostAndPort() + ": " + e.getMessage()));
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
