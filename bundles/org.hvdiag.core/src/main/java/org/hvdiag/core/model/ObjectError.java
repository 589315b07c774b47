package org.hvdiag.core.model;

import java.util.Objects;

/**
 * An object a connector could not read: {@code object} names it (a file, a moref), {@code location}
 * says where inside it ("line 12", a property path) or is empty, {@code message} says what was
 * expected. One bad object never hides the others.
 */
public record ObjectError(String object, String location, String message) {
    public ObjectError {
        Objects.requireNonNull(object, "object");
        location = location == null ? "" : location;
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location.isEmpty() ? object + ": " + message : object + ": " + location + ": " + message;
    }
}
