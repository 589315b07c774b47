package org.hvdiag.virtualbox.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.xml.stream.XMLStreamException;

import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.NetworkFailure;
import org.hvdiag.core.http.HttpConnection;
import org.hvdiag.core.tls.PinnedTrust;

/**
 * The wire to one vboxwebsrv: SOAP requests over HTTP/1.1 keep-alive connections, one per caller
 * in flight, so parallel readers overlap their round trips (the web service answers one property
 * per call, and an inventory is thousands of small calls). Counts its calls for the benchmark. The
 * password goes only into the logon request body, which nothing logs.
 */
final class VboxWeb implements AutoCloseable {
    /** Older idle connections are not trusted with a change: the server may have closed them meanwhile. */
    private static final long FRESH_FOR_CHANGES_NANOS = 5_000_000_000L;
    private static final int READ_TIMEOUT_MS = 60_000;
    /** vboxwebsrv's WSDL binding gives every operation an empty soapAction. */
    private static final List<String> SOAP_ACTION = List.of("SOAPAction: \"\"");

    private final VboxUrl url;
    private final PinnedTrust trust;
    private final SSLSocketFactory tls;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean closed;

    private record Idle(HttpConnection connection, long since) {
    }

    VboxWeb(VboxUrl url, String thumbprint) throws ConnectorException {
        this.url = url;
        this.trust = url.tls() ? new PinnedTrust(thumbprint == null ? "" : thumbprint) : null;
        if (trust != null) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trust}, null);
                this.tls = context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new ConnectorException("cannot set up TLS for " + url.hostAndPort() + ": " + e.getMessage());
            }
        } else {
            this.tls = null;
        }
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
        byte[] request = SoapRequest.of(operation, parameters).getBytes(StandardCharsets.UTF_8);
        calls.incrementAndGet();
        HttpConnection.Answer answer = exchange(operation, request);
        SoapReply reply;
        try {
            reply = SoapReply.parse(new ByteArrayInputStream(answer.body()));
        } catch (XMLStreamException e) {
            throw new ConnectorException(url.hostAndPort() + " answered " + operation + " with HTTP " + answer.status()
                    + " and no SOAP reply hvdiag can read (" + e.getMessage() + "): is this a vboxwebsrv?");
        }
        if (reply.fault() != null) {
            throw VboxFault.of(operation, reply.fault());
        }
        if (answer.status() != 200) {
            throw new ConnectorException(url.hostAndPort() + " answered " + operation + " with HTTP " + answer.status());
        }
        return reply;
    }

    /**
     * Sends on an idle connection or a new one. A read that got no answer on a kept-alive connection
     * is sent once more on a new one (the server may have closed the idle connection); a change is
     * never sent twice, since VirtualBox may have made it.
     */
    private HttpConnection.Answer exchange(String operation, byte[] request) throws ConnectorException {
        boolean change = !isRead(operation);
        for (int attempt = 0; ; attempt++) {
            HttpConnection c = take(change);
            boolean reused = c != null;
            if (c == null) {
                c = connect("call " + operation + " on");
            }
            try {
                HttpConnection.Answer a = c.post("/", "text/xml; charset=utf-8", SOAP_ACTION, request);
                if (c.isOpen() && !closed) {
                    idle.offerFirst(new Idle(c, System.nanoTime()));
                } else {
                    c.close();
                }
                return a;
            } catch (HttpConnection.NoAnswer e) {
                c.close();
                if (reused && !change && attempt == 0) {
                    continue;
                }
                throw failure("call " + operation + " on", e);
            } catch (IOException e) {
                c.close();
                throw failure("call " + operation + " on", e);
            }
        }
    }

    private HttpConnection take(boolean change) {
        for (Idle i = idle.pollFirst(); i != null; i = idle.pollFirst()) {
            if (!change || System.nanoTime() - i.since() < FRESH_FOR_CHANGES_NANOS) {
                return i.connection();
            }
            i.connection().close();
        }
        return null;
    }

    /** Getters, lookups and log reads change nothing on the server, so sending one twice is harmless. */
    static boolean isRead(String operation) {
        int us = operation.indexOf('_');
        return us > 0 && (operation.startsWith("get", us + 1) || operation.startsWith("find", us + 1)
                || operation.equals("IMachine_readLog") || operation.equals("IMachine_queryLogFilename"));
    }

    private HttpConnection connect(String what) throws ConnectorException {
        if (closed) {
            throw new ConnectorException("the connection to " + url.hostAndPort() + " is closed");
        }
        try {
            return HttpConnection.open(url.server().host(), url.server().port(), tls, READ_TIMEOUT_MS);
        } catch (IOException e) {
            throw failure(what, e);
        }
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
        closed = true;
        for (Idle i = idle.pollFirst(); i != null; i = idle.pollFirst()) {
            i.connection().close();
        }
    }
}
