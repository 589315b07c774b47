package org.hvdiag.hyperv.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.NetworkFailure;
import org.hvdiag.core.http.HttpConnection;
import org.hvdiag.core.tls.PinnedTrust;

/**
 * WS-Management over HTTP/1.1 to one WinRM listener. HTTPS is verified by this machine's certificate
 * authorities or pinned to the thumbprint the admin confirmed (core's PinnedTrust). Plain HTTP is
 * refused unless the authentication scheme encrypts the messages itself, which neither Basic nor
 * hvdiag's NTLM (no sealing) does. With Basic the password is only ever in the Authorization header;
 * with NTLM it never leaves this machine, and each new connection is logged on once (NTLM binds the
 * logon to the TCP connection), its later requests carrying no Authorization header.
 */
final class WinrmTransport implements WsmanTransport, AutoCloseable {
    /** HTTP.sys drops idle connections after about two minutes: do not reuse one idle for long. */
    private static final long REUSE_NANOS = 30_000_000_000L;
    private static final String USER_AGENT = "User-Agent: hvdiag";
    private static final String SOAP = "application/soap+xml;charset=UTF-8";

    private final WinrmEndpoint endpoint;
    private final WinrmAuth auth;
    private final PinnedTrust trust;
    private final PeerRecordingTls tls;
    private final int readTimeoutMs;

    private HttpConnection idle;
    private boolean closed;

    private WinrmTransport(WinrmEndpoint endpoint, WinrmAuth auth, PinnedTrust trust, PeerRecordingTls tls,
            int readTimeoutMs) {
        this.endpoint = endpoint;
        this.auth = auth;
        this.trust = trust;
        this.tls = tls;
        this.readTimeoutMs = readTimeoutMs;
    }

    /**
     * @param thumbprint the SHA-256 thumbprint the admin confirmed ("AA:BB:..."), or null/empty to rely
     *        on this machine's certificate authorities
     * @param settings the OperationTimeout the requests carry: a reply may take that long, plus margin
     */
    static WinrmTransport open(WinrmEndpoint endpoint, WinrmAuth auth, String thumbprint, WsmanSettings settings)
            throws ConnectorException {
        if (!endpoint.https() && !auth.protectsMessages()) {
            String exposed = auth instanceof NtlmAuth
                    ? "every message would cross the network unencrypted (hvdiag does not seal NTLM messages)"
                    : "the password and every message would cross the network unencrypted";
            throw new ConnectorException("refusing plain HTTP to " + endpoint.hostAndPort() + ": with "
                    + auth.scheme() + " authentication " + exposed + ". Use winrm+https:// (WinRM's HTTPS listener, port "
                    + WinrmEndpoint.HTTPS_PORT + ")");
        }
        int readTimeout = (int) Math.min(Integer.MAX_VALUE, settings.operationTimeout().toMillis() + 30_000);
        if (!endpoint.https()) {
            return new WinrmTransport(endpoint, auth, null, null, readTimeout);
        }
        PinnedTrust trust = new PinnedTrust(thumbprint == null ? "" : thumbprint.strip().toUpperCase(Locale.ROOT));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return new WinrmTransport(endpoint, auth, trust, new PeerRecordingTls(context.getSocketFactory()), readTimeout);
        } catch (GeneralSecurityException e) {
            throw new ConnectorException("cannot set up TLS for " + endpoint.hostAndPort() + ": " + e.getMessage());
        }
    }

    @Override
    public String where() {
        return endpoint.hostAndPort();
    }

    @Override
    public synchronized byte[] post(WsmanMessage message) throws ConnectorException {
        String what = "send " + message.operation() + " to";
        HttpConnection c = take();
        if (c != null) {
            HttpConnection.Answer a = send(c, message, auth.authorization(), what);
            if (a.status() == 401 && auth instanceof NtlmAuth) {
                // The host dropped this connection's logon (its HTTP.sys may); a 401 means nothing ran, so log on anew.
                c.close();
            } else {
                return accept(message, a, auth.user());
            }
        }
        c = connect(what);
        String account = auth.user();
        String authorization = auth.authorization();
        if (auth instanceof NtlmAuth ntlm) {
            NtlmLogon logon = ntlm.logon();
            authorization = ntlmAuthenticate(c, logon, what);
            account = logon.accountSent();
        }
        return accept(message, send(c, message, authorization, what), account);
    }

    private HttpConnection.Answer send(HttpConnection c, WsmanMessage message, String authorization, String what)
            throws ConnectorException {
        HttpConnection.Answer a;
        try {
            a = c.post("/wsman", SOAP, authorization == null ? List.of(USER_AGENT)
                    : List.of(USER_AGENT, "Authorization: " + authorization), message.bytes());
        } catch (IOException e) {
            c.close();
            throw failure(what, e);
        }
        if (a.status() == 401) {
            c.close();
        } else if (c.isOpen() && !closed) {
            idle = c;
        }
        return a;
    }

    /**
     * NTLM's first round trip on a new connection: NEGOTIATE with an empty body (nothing runs before the
     * logon), the host's CHALLENGE in its 401; returns the AUTHENTICATE for the real request.
     */
    private String ntlmAuthenticate(HttpConnection c, NtlmLogon logon, String what) throws ConnectorException {
        HttpConnection.Answer a;
        try {
            a = c.post("/wsman", SOAP, List.of(USER_AGENT, "Authorization: " + NtlmMessages.header(logon.negotiate())),
                    new byte[0]);
        } catch (IOException e) {
            c.close();
            throw failure(what, e);
        }
        byte[] challenge = a.status() == 401 ? NtlmMessages.token(a.wwwAuthenticate()) : null;
        if (challenge == null) {
            c.close();
            throw new ConnectorException(endpoint.hostAndPort() + " did not answer NTLM's first message with a challenge "
                    + "(HTTP " + a.status() + "): NTLM (Negotiate) authentication may be off on the host (winrm get "
                    + "winrm/config/service/auth)" + (a.wwwAuthenticate().isEmpty() ? ""
                            : "; the host offers: " + schemesOnly(a.wwwAuthenticate())));
        }
        if (!c.isOpen()) {
            throw new ConnectorException(endpoint.hostAndPort() + " closed the connection in the middle of the NTLM "
                    + "logon; NTLM needs the connection kept alive between its messages (a proxy in between?)");
        }
        try {
            X509Certificate certificate = tls.peerCertificate();
            return NtlmMessages.header(logon.authenticate(challenge, ChannelBindings.tlsServerEndPoint(certificate),
                    "HTTP/" + endpoint.host()));
        } catch (NtlmException e) {
            c.close();
            throw new ConnectorException("cannot log on to " + endpoint.hostAndPort() + " with NTLM: " + e.getMessage());
        } catch (IOException e) {
            c.close();
            throw failure(what, e);
        }
    }

    private byte[] accept(WsmanMessage message, HttpConnection.Answer a, String account) throws ConnectorException {
        if (a.status() == 401) {
            throw new ConnectorException(endpoint.hostAndPort() + " refused the account " + account
                    + " (HTTP 401): wrong user name or password, or " + auth.scheme() + " authentication is off on "
                    + "the host (winrm get winrm/config/service/auth)"
                    + (a.wwwAuthenticate().isEmpty() ? "" : "; the host offers: " + schemesOnly(a.wwwAuthenticate())));
        }
        if (a.status() == 200 || isSoap(a)) {
            // WinRM sends its faults with 400 or 500 and a SOAP body: the parser reads them.
            return a.body();
        }
        throw new ConnectorException(endpoint.hostAndPort() + " answered " + message.operation() + " with HTTP "
                + a.status() + " and no WS-Management reply: is WinRM listening at " + endpoint.url() + "?");
    }

    private static boolean isSoap(HttpConnection.Answer a) {
        String t = a.contentType().toLowerCase(Locale.ROOT);
        return a.body().length > 0 && (t.contains("application/soap+xml") || t.startsWith("text/xml"));
    }

    /** Only the scheme names of a challenge: its tokens are not for messages. */
    private static String schemesOnly(String challenge) {
        StringBuilder b = new StringBuilder();
        for (String part : challenge.split(",")) {
            String s = part.strip().split("\\s+", 2)[0];
            if (!s.isEmpty() && !s.contains("=") && b.indexOf(s) < 0) {
                b.append(b.length() == 0 ? "" : ", ").append(s);
            }
        }
        return b.toString();
    }

    private HttpConnection take() {
        HttpConnection c = idle;
        idle = null;
        if (c != null && (!c.isOpen() || c.idleNanos() > REUSE_NANOS)) {
            c.close();
            return null;
        }
        return c;
    }

    private HttpConnection connect(String what) throws ConnectorException {
        if (closed) {
            throw new ConnectorException("the connection to " + endpoint.hostAndPort() + " is closed");
        }
        try {
            return HttpConnection.open(endpoint.host(), endpoint.port(), tls, readTimeoutMs);
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    /** A network or certificate failure in the admin's words, naming the host. */
    private ConnectorException failure(String what, IOException e) {
        if (trust != null && trust.refusedThumbprint() != null) {
            String t = trust.refusedThumbprint();
            return new CertificateNotTrusted("the certificate of " + endpoint.hostAndPort() + " is not trusted; its "
                    + "SHA-256 thumbprint is " + t + ". If that is your WinRM listener's certificate (on the host, "
                    + "winrm enumerate winrm/config/listener names it; Windows shows SHA-1 thumbprints, the SHA-256 one "
                    + "is $cert.GetCertHashString('SHA256')), run again with --thumbprint " + t, t);
        }
        return NetworkFailure.of(endpoint.hostAndPort(), endpoint.host(), what, e)
                .orElseGet(() -> new ConnectorException("cannot " + what + " " + endpoint.hostAndPort() + ": "
                        + e.getMessage()));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (idle != null) {
            idle.close();
            idle = null;
        }
    }
}
