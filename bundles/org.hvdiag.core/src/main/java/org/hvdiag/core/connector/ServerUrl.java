package org.hvdiag.core.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code scheme://user@host[:port]}, the way an admin names a hypervisor server: who logs in where.
 * Never holds a password: one typed into the URL would sit in shell history and in ps, so it is
 * refused rather than used.
 */
public record ServerUrl(String text, String scheme, String user, String host, int port) {

    /**
     * @param label the hypervisor's name for messages ("vSphere")
     * @param defaultPort the port when the URL names none
     */
    public static ServerUrl parse(String text, String scheme, String label, int defaultPort) throws ConnectorException {
        String example = scheme + "://user@host[:port]";
        if (text == null || !text.startsWith(scheme + "://")) {
            throw new ConnectorException("not a " + label + " URL: '" + text + "' (expected " + example + ")");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConnectorException("not a " + label + " URL: '" + text + "' (" + e.getReason() + ")");
        }
        String info = uri.getRawUserInfo();
        if (info != null && info.contains(":")) {
            throw new ConnectorException(scheme + " URL " + uri.getHost() + " contains a password: give only the user ("
                    + scheme + "://user@host); the password comes from HVDIAG_PASSWORD, a prompt or secure storage");
        }
        if (uri.getHost() == null || info == null || info.isEmpty()) {
            throw new ConnectorException("'" + text + "' needs a user and a host: " + example);
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new ConnectorException("'" + text + "': a " + label + " URL names only user, host and port (no path)");
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        return new ServerUrl(text, scheme, URLDecoder.decode(info, StandardCharsets.UTF_8), uri.getHost(), port);
    }

    /** The host as it goes into an http(s) URL: IPv6 addresses in brackets. */
    public String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public String hostAndPort() {
        return host + ":" + port;
    }
}
