package org.hvdiag.hyperv.internal;

/**
 * Where a WinRM listener is: HTTPS on 5986 by default, plain HTTP on 5985.
 *
 * @param host a name or an IP address (IPv6 without brackets)
 */
record WinrmEndpoint(String host, int port, boolean https) {
    static final int HTTPS_PORT = 5986;
    static final int HTTP_PORT = 5985;

    WinrmEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a WinRM endpoint needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (1 to 65535)");
        }
    }

    String hostAndPort() {
        return host + ":" + port;
    }

    /** The service URL requests are addressed to (WS-Addressing To). */
    String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (https ? "https" : "http") + "://" + h + ":" + port + "/wsman";
    }
}
