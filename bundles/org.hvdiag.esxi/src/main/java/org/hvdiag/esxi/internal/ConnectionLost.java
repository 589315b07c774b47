package org.hvdiag.esxi.internal;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** Whether a failure means the server is gone (as opposed to refusing one VM's change). */
final class ConnectionLost {
    private ConnectionLost() {
    }

    static boolean is(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof SocketException || c instanceof EOFException
                    || c instanceof SocketTimeoutException) {
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
}
