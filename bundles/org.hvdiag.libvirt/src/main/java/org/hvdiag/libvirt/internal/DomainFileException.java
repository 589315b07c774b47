package org.hvdiag.libvirt.internal;

import org.hvdiag.core.model.ObjectError;

/** A domain XML that cannot be read as a VM: which file, which line (0 when none applies), what was expected. */
public final class DomainFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public DomainFileException(String file, int line, String message) {
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
