package org.hvdiag.esxi.internal;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.ServerUrl;

/** {@code vsphere://user@host[:port]}: who logs in where. Never holds a password. */
public record VsphereUrl(String text, String user, String host, int port) {
    public static final String SCHEME = "vsphere://";

    public static VsphereUrl parse(String text) throws ConnectorException {
        ServerUrl url = ServerUrl.parse(text, "vsphere", "vSphere", 443);
        return new VsphereUrl(url.text(), url.user(), url.host(), url.port());
    }

    /** The SOAP endpoint every ESXi host and vCenter serves. */
    public String sdkUrl() {
        return "https://" + new ServerUrl(text, "vsphere", user, host, port).hostForUrl() + ":" + port + "/sdk";
    }

    public String hostAndPort() {
        return host + ":" + port;
    }
}
