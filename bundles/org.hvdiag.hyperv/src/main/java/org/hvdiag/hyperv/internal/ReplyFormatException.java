package org.hvdiag.hyperv.internal;

/** A reply that is not the WS-Management XML hvdiag expected; the message says what was expected. */
final class ReplyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ReplyFormatException(String message) {
        super(message);
    }

    ReplyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
