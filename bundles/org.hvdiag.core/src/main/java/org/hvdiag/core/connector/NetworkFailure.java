package org.hvdiag.core.connector;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * What a failed call to a server means for the admin when the network, not the server, is the cause:
 * nothing listening, an unknown host, no answer, a dropped connection. Shared by the connectors that
 * talk to servers, so an admin reads the same words whichever hypervisor it is.
 */
public final class NetworkFailure {
    private NetworkFailure() {
    }

    /**
     * The failure in the admin's words, naming the server; empty when the cause is not the network.
     *
     * @param what what hvdiag was trying to do, as a verb phrase ("connect to", "read VMs from")
     */
    public static Optional<ConnectorException> of(String hostAndPort, String host, String what, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return fail("cannot " + what + " " + hostAndPort + ": connection refused (nothing listens there: check host and port)");
            }
            if (c instanceof UnknownHostException) {
                return fail("cannot " + what + " " + hostAndPort + ": unknown host " + host);
            }
            if (c instanceof NoRouteToHostException) {
                return fail("cannot " + what + " " + hostAndPort + ": no route to host");
            }
            if (c instanceof SocketTimeoutException || c instanceof HttpTimeoutException) {
                return fail("cannot " + what + " " + hostAndPort + ": no answer in time");
            }
            if (c instanceof SocketException || c instanceof EOFException) {
                return fail("lost the connection to " + hostAndPort + " while trying to " + what + " it ("
                        + c.getMessage() + ")");
            }
            if (c == c.getCause()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether a failure means the server is gone, as opposed to refusing one VM's change. */
    public static boolean isConnectionLost(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof SocketException || c instanceof EOFException
                    || c instanceof SocketTimeoutException || c instanceof HttpTimeoutException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && (m.contains("connection refused") || m.contains("lost the connection")
                    || m.contains("Unexpected end of file") || m.contains("no answer in time"))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static Optional<ConnectorException> fail(String message) {
        return Optional.of(new ConnectorException(message));
    }
}
