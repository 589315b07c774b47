package org.hvdiag.vboxweb;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * vboxwebsrv's --keepalive: a connection serves that many requests (100 by default), then the
 * server closes it. A client must open a new connection rather than fail; this makes the endpoint
 * hold it to that. A connection is known by its client's address and port.
 */
final class KeepAlive {
    private final int requestsPerConnection;
    private final ConcurrentHashMap<InetSocketAddress, Integer> served = new ConcurrentHashMap<>();

    KeepAlive(int requestsPerConnection) {
        this.requestsPerConnection = requestsPerConnection;
    }

    /** Counts one request; true when it is the connection's last, so its answer says "Connection: close". */
    boolean lastOn(InetSocketAddress client) {
        int n = served.merge(client, 1, Integer::sum);
        if (n >= requestsPerConnection) {
            served.remove(client);
            return true;
        }
        return false;
    }
}
