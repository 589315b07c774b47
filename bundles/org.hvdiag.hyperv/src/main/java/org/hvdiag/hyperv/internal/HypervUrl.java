package org.hvdiag.hyperv.internal;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ServerUrl;

/**
 * {@code winrm+https://user@host[:5986]}: a WinRM HTTPS listener. {@code winrm://user@host[:5985]} parses
 * too, so that the transport can refuse it with its reason rather than the admin reading "not a URL".
 */
public record HypervUrl(ServerUrl server, boolean https) {
    public static final String TLS = "winrm+https";
    public static final String PLAIN = "winrm";
    public static final int DEFAULT_PORT = WinrmEndpoint.HTTPS_PORT;

    public static HypervUrl parse(String text) throws ConnectorException {
        boolean https = text == null || !text.startsWith(PLAIN + "://");
        return new HypervUrl(ServerUrl.parse(text, https ? TLS : PLAIN, "Hyper-V (WinRM)",
                https ? WinrmEndpoint.HTTPS_PORT : WinrmEndpoint.HTTP_PORT), https);
    }

    /** The host as the admin named it: the id of the Host hvdiag reports. */
    public String host() {
        return server.host();
    }

    public String hostAndPort() {
        return server.hostAndPort();
    }

    WinrmEndpoint endpoint() {
        String h = server.host();
        // URI keeps IPv6 literals in brackets; WinrmEndpoint adds them itself.
        String bare = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        return new WinrmEndpoint(bare, server.port(), https);
    }
}
