package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.ConnectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WinrmTransportTest {
    private static final String PASSWORD = "S3cret!pw";
    private static final String SOAP = "application/soap+xml;charset=UTF-8";

    @TempDir
    Path dir;
    private LoopbackHttps server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttps(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private WinrmEndpoint endpoint() {
        return new WinrmEndpoint("127.0.0.1", server.port(), true);
    }

    private WinrmTransport open(String thumbprint) throws ConnectorException {
        WinrmEndpoint e = endpoint();
        return WinrmTransport.open(e, new BasicAuth("hvadmin", PASSWORD.toCharArray()), thumbprint,
                WsmanSettings.defaults(e.url()));
    }

    private WsmanMessage create() {
        return new WsmanRequest(WsmanSettings.defaults(endpoint().url())).create();
    }

    @Test
    void plainHttpWithBasicIsRefusedWithTheReason() {
        WinrmEndpoint http = new WinrmEndpoint("hv1.example", 5985, false);
        ConnectorException e = assertThrows(ConnectorException.class, () -> WinrmTransport.open(http,
                new BasicAuth("hvadmin", PASSWORD.toCharArray()), null, WsmanSettings.defaults(http.url())));
        assertEquals("refusing plain HTTP to hv1.example:5985: with Basic authentication the password and every "
                + "message would cross the network unencrypted. Use winrm+https:// (WinRM's HTTPS listener, port 5986)",
                e.getMessage());
    }

    @Test
    void aPinnedCertificateIsTrustedAndBasicGoesInTheHeader() throws Exception {
        server.answer(200, SOAP, Replies.createdBySelector("S-9"));
        WsmanMessage m = create();
        try (WinrmTransport t = open(server.thumbprint())) {
            byte[] reply = t.post(m);
            assertEquals("S-9", ((WsmanReply.ShellCreated) WsmanReplyParser.parse(reply)).shellId());
        }
        LoopbackHttps.Request r = server.requests.get(0);
        assertEquals("POST /wsman HTTP/1.1", r.headers().get(0));
        assertEquals("application/soap+xml;charset=UTF-8", r.header("Content-Type"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("hvadmin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8)), r.header("Authorization"));
        assertEquals(m.xml(), r.body());
    }

    @Test
    void anUnknownCertificateIsRefusedWithItsThumbprint() {
        CertificateNotTrusted e = assertThrows(CertificateNotTrusted.class, () -> {
            try (WinrmTransport t = open(null)) {
                t.post(create());
            }
        });
        assertEquals(server.thumbprint(), e.thumbprint());
        assertTrue(e.getMessage().startsWith("the certificate of 127.0.0.1:" + server.port() + " is not trusted"),
                e.getMessage());
        assertTrue(server.requests.isEmpty(), "nothing was sent to an untrusted server");
    }

    @Test
    void aWrongThumbprintIsRefusedToo() {
        String wrong = "AA:" + server.thumbprint().substring(3).replace('A', 'B').replace('0', '1');
        assertThrows(CertificateNotTrusted.class, () -> {
            try (WinrmTransport t = open(wrong)) {
                t.post(create());
            }
        });
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void http401NamesHostAndAccountButNeverThePassword() {
        server.answer(401, "text/html", "WWW-Authenticate: Negotiate, Basic realm=\"WSMAN\"", "");
        ConnectorException e = assertThrows(ConnectorException.class, () -> {
            try (WinrmTransport t = open(server.thumbprint())) {
                t.post(create());
            }
        });
        assertTrue(e.getMessage().startsWith("127.0.0.1:" + server.port() + " refused the account hvadmin (HTTP 401)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the host offers: Negotiate, Basic"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void aSoapFaultWithStatus500IsAReplyAndOtherStatusesAreErrors() throws Exception {
        server.answer(500, SOAP, Replies.timedOut()).answer(502, "text/html", "<html>bad gateway</html>");
        try (WinrmTransport t = open(server.thumbprint())) {
            WsmanReply r = WsmanReplyParser.parse(t.post(create()));
            assertTrue(((WsmanReply.Fault) r).fault().isOperationTimeout());
            ConnectorException e = assertThrows(ConnectorException.class, () -> t.post(create()));
            assertEquals("127.0.0.1:" + server.port() + " answered Create with HTTP 502 and no WS-Management reply: "
                    + "is WinRM listening at https://127.0.0.1:" + server.port() + "/wsman?", e.getMessage());
        }
        assertEquals(2, server.requests.size(), "both requests went over the one kept-alive connection or a new one");
    }

    @Test
    void nothingListeningIsAClearNetworkError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        WinrmEndpoint e = new WinrmEndpoint("127.0.0.1", port, true);
        ConnectorException x = assertThrows(ConnectorException.class, () -> {
            try (WinrmTransport t = WinrmTransport.open(e, new BasicAuth("hvadmin", PASSWORD.toCharArray()), null,
                    WsmanSettings.defaults(e.url()))) {
                t.post(create());
            }
        });
        assertEquals("cannot send Create to 127.0.0.1:" + port + ": connection refused (nothing listens there: "
                + "check host and port)", x.getMessage());
    }

    @Test
    void plainHttpWithNtlmIsRefusedTooAsMessagesAreNotSealed() {
        WinrmEndpoint http = new WinrmEndpoint("hv1.example", 5985, false);
        ConnectorException e = assertThrows(ConnectorException.class, () -> WinrmTransport.open(http,
                new NtlmAuth("CORP\\hvadmin", PASSWORD.toCharArray()), null, WsmanSettings.defaults(http.url())));
        assertEquals("refusing plain HTTP to hv1.example:5985: with NTLM authentication every message would cross the "
                + "network unencrypted (hvdiag does not seal NTLM messages). Use winrm+https:// (WinRM's HTTPS listener, "
                + "port 5986)", e.getMessage());
    }

    @Test
    void aHostThatOffersNoNtlmChallengeIsNamedWithWhatItOffers() {
        server.answer(401, "text/html", "WWW-Authenticate: Basic realm=\"WSMAN\"", "");
        ConnectorException e = assertThrows(ConnectorException.class, () -> {
            WinrmEndpoint ep = endpoint();
            try (WinrmTransport t = WinrmTransport.open(ep, new NtlmAuth("CORP\\hvadmin", PASSWORD.toCharArray()),
                    server.thumbprint(), WsmanSettings.defaults(ep.url()))) {
                t.post(create());
            }
        });
        assertEquals("127.0.0.1:" + server.port() + " did not answer NTLM's first message with a challenge (HTTP 401): "
                + "NTLM (Negotiate) authentication may be off on the host (winrm get winrm/config/service/auth); the host "
                + "offers: Basic", e.getMessage());
        LoopbackHttps.Request r = server.requests.get(0);
        assertTrue(r.header("Authorization").startsWith("Negotiate TlRMTVNTUAAB"), "a raw NTLMSSP NEGOTIATE: " + r.header("Authorization"));
        assertEquals("", r.body(), "nothing runs before the logon: the NEGOTIATE goes with an empty body");
    }

    @Test
    void basicAuthNeverShowsThePassword() {
        BasicAuth a = new BasicAuth("CORP\\hvadmin", PASSWORD.toCharArray());
        assertEquals("Basic[user=CORP\\hvadmin]", a.toString());
        assertFalse(List.of(a.toString(), a.user()).stream().anyMatch(s -> s.contains(PASSWORD)));
    }
}
