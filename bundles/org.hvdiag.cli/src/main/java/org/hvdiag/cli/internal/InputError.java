package org.hvdiag.cli.internal;

/** A target, file or option the admin gave that cannot be used; exits with code 2 and this message. */
public final class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputError(String message) {
        super(message);
    }

    public InputError(String message, Throwable cause) {
        super(message, cause);
    }
}
