package org.hvdiag.esxi.internal;

import java.net.URI;
import java.net.URISyntaxException;

import org.hvdiag.core.connector.ConnectorException;

/** {@code vsphere://user@host[:port]}: who logs in where. Never holds a password. */
public record VsphereUrl(String text, String user, String host, int port) {
    public static final String SCHEME = "vsphere://";

    public static VsphereUrl parse(String text) throws ConnectorException {
        if (text == null || !text.startsWith(SCHEME)) {
            throw new ConnectorException("not a vSphere URL: '" + text + "' (expected vsphere://user@host[:port])");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConnectorException("not a vSphere URL: '" + text + "' (" + e.getReason() + ")");
        }
        String info = uri.getRawUserInfo();
        if (info != null && info.contains(":")) {
            // A password in the URL would sit in shell history and in ps: refuse rather than use it.
            throw new ConnectorException("vsphere URL " + uri.getHost() + " contains a password: give only the user "
                    + "(vsphere://user@host); the password comes from HVDIAG_PASSWORD, a prompt or secure storage");
        }
        if (uri.getHost() == null || info == null || info.isEmpty()) {
            throw new ConnectorException("'" + text + "' needs a user and a host: vsphere://user@host[:port]");
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new ConnectorException("'" + text + "': a vSphere URL names only user, host and port (no path)");
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        return new VsphereUrl(text, java.net.URLDecoder.decode(info, java.nio.charset.StandardCharsets.UTF_8),
                uri.getHost(), port);
    }

    /** The SOAP endpoint every ESXi host and vCenter serves. */
    public String sdkUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + h + ":" + port + "/sdk";
    }

    public String hostAndPort() {
        return host + ":" + port;
    }
}
