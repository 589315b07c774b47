package org.hvdiag.hyperv.internal;

import org.hvdiag.core.connector.ConnectorException;

/**
 * Carries one envelope to a WinRM host and brings back its reply. The shell and enumeration logic
 * sits above this, so it runs the same over HTTPS, over a later message-sealing authentication, and
 * in tests over scripted answers.
 */
interface WsmanTransport {

    /** host:port, for messages. */
    String where();

    /**
     * Posts one request. Returns the reply body when the host answered with a SOAP envelope: HTTP 200,
     * or HTTP 500 carrying a fault (WinRM sends faults, the operation timeout among them, with 500).
     * Everything else (refused account, no listener, a proxy's error page) is a ConnectorException in
     * the admin's words, naming the host.
     */
    byte[] post(WsmanMessage message) throws ConnectorException;
}
