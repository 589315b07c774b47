package org.hvdiag.hyperv.internal;

/**
 * JSON from a host that does not have the shape the protocol fixes. {@code object} names what was being
 * read (a VM by name and id, the host), {@code field} the property, the message what was expected.
 */
final class HypervJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String object;
    private final String field;

    HypervJsonException(String object, String field, String message) {
        super(object + ": " + (field.isEmpty() ? "" : field + ": ") + message);
        this.object = object;
        this.field = field;
    }

    String object() {
        return object;
    }

    String field() {
        return field;
    }

    /** Only what was expected, without object and field. */
    String expectation() {
        String m = getMessage();
        return m.substring(object.length() + 2 + (field.isEmpty() ? 0 : field.length() + 2));
    }
}
