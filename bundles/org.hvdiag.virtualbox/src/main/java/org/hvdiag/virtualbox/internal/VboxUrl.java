package org.hvdiag.virtualbox.internal;

import java.net.URI;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ServerUrl;

/**
 * {@code vbox://user@host[:18083]} or {@code vbox+https://user@host[:port]}: a vboxwebsrv, plain or
 * with TLS. 18083 is vboxwebsrv's default port either way.
 */
public record VboxUrl(ServerUrl server, boolean tls) {
    public static final String PLAIN = "vbox";
    public static final String TLS = "vbox+https";
    static final int DEFAULT_PORT = 18083;

    public static VboxUrl parse(String text) throws ConnectorException {
        boolean tls = text != null && text.startsWith(TLS + "://");
        return new VboxUrl(ServerUrl.parse(text, tls ? TLS : PLAIN, "VirtualBox web service", DEFAULT_PORT), tls);
    }

    URI endpoint() {
        return URI.create((tls ? "https://" : "http://") + server.hostForUrl() + ":" + server.port() + "/");
    }

    public String hostAndPort() {
        return server.hostAndPort();
    }

    public String user() {
        return server.user();
    }
}
