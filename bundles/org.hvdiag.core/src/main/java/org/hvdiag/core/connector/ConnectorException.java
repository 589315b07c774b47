package org.hvdiag.core.connector;

/** A target that cannot be reached, read or changed; the message names it and says why. */
public class ConnectorException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectorException(String message) {
        super(message);
    }

    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
