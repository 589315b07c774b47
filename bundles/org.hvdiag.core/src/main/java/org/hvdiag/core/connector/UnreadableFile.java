package org.hvdiag.core.connector;

import org.hvdiag.core.model.ObjectError;

/**
 * A VM file a connector cannot read as a VM (a .vbox, a domain XML): which file, which line (0 when
 * none applies), what was expected. It becomes an {@link ObjectError}, so one bad file never hides
 * the others.
 */
public final class UnreadableFile extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public UnreadableFile(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public ObjectError toError() {
        return new ObjectError(file, line > 0 ? "line " + line : "", getMessage());
    }

    @Override
    public String toString() {
        return toError().toString();
    }
}
