package org.hvdiag.esxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.hvdiag.core.connector.CertificateNotTrusted;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;

/** Wrong password, unknown or wrong certificate, nothing listening: each a clear error, no password in it. */
class ConnectionErrorsTest {
    static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = Harness.start(16);
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static Session connect(String target, Map<String, String> options, String password) throws ConnectorException {
        return new VsphereConnector().connect(new Endpoint(target, options), new Credentials(Harness.USER, password.toCharArray()));
    }

    @Test
    void theRightThumbprintConnects() throws Exception {
        try (Session s = harness.connect()) {
            assertEquals(16, s.inventory(Progress.NONE).vms().size());
        }
        // The same thumbprint typed without colons, in lower case.
        String typed = harness.thumbprint.replace(":", "").toLowerCase();
        try (Session s = connect(harness.target(), Map.of("thumbprint", typed), Harness.PASSWORD)) {
            assertFalse(s.inventory(Progress.NONE).vms().isEmpty());
        }
    }

    @Test
    void anUnknownCertificateIsRefusedWithItsThumbprint() {
        CertificateNotTrusted e = assertThrows(CertificateNotTrusted.class,
                () -> connect(harness.target(), Map.of(), Harness.PASSWORD));
        assertEquals(harness.thumbprint, e.thumbprint());
        assertTrue(e.getMessage().contains(harness.thumbprint), e.getMessage());
        assertTrue(e.getMessage().contains("--thumbprint"), e.getMessage());
        assertFalse(e.getMessage().contains(Harness.PASSWORD));
    }

    @Test
    void aDifferentThumbprintIsRefused() {
        String other = "00:" + harness.thumbprint.substring(3);
        CertificateNotTrusted e = assertThrows(CertificateNotTrusted.class,
                () -> connect(harness.target(), Map.of("thumbprint", other), Harness.PASSWORD));
        assertEquals(harness.thumbprint, e.thumbprint());
    }

    @Test
    void aMalformedThumbprintIsRefusedBeforeConnecting() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connect(harness.target(), Map.of("thumbprint", "AB:CD"), Harness.PASSWORD));
        assertTrue(e.getMessage().contains("not a SHA-256 thumbprint"), e.getMessage());
    }

    @Test
    void aWrongPasswordSaysSo() {
        String wrong = "not-the-password-42";
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connect(harness.target(), Map.of("thumbprint", harness.thumbprint), wrong));
        assertTrue(e.getMessage().contains("wrong user name or password"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    @Test
    void aPortWithNothingListeningSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connect("vsphere://hvdiag@127.0.0.1:" + port, Map.of(), Harness.PASSWORD));
        assertTrue(e.getMessage().contains("connection refused") && e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aPasswordInTheUrlIsRefused() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connect("vsphere://hvdiag:secret@127.0.0.1:" + harness.port, Map.of(), Harness.PASSWORD));
        assertTrue(e.getMessage().contains("contains a password"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
