package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.connector.ConnectorException;

class VboxUrlTest {

    @Test
    void plainUrlsDefaultToVboxwebsrvsPort() throws Exception {
        VboxUrl u = VboxUrl.parse("vbox://admin@lab-host");
        assertFalse(u.tls());
        assertEquals("admin", u.user());
        assertEquals("http://lab-host:18083/", u.endpoint().toString());
    }

    @Test
    void tlsUrlsUseHttps() throws Exception {
        VboxUrl u = VboxUrl.parse("vbox+https://admin@[::1]:9443");
        assertTrue(u.tls());
        assertEquals("https://[::1]:9443/", u.endpoint().toString());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutEchoingIt() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> VboxUrl.parse("vbox://admin:s3cret@host"));
        assertTrue(e.getMessage().contains("contains a password"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void aUserIsRequired() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> VboxUrl.parse("vbox://host"));
        assertTrue(e.getMessage().contains("needs a user and a host"), e.getMessage());
    }
}
