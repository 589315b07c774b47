package org.hvdiag.vmx.internal;

import java.nio.file.Path;

import org.hvdiag.core.model.ObjectError;

/**
 * A .vmx (or .vmsd) file that cannot be read, is not in VMware's format, or does not show its VM (an
 * encrypted VM): it is reported instead of a VM. The message names the file, the line when there is
 * one, and what was expected there; it never quotes the file's content.
 */
public final class VmxFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String reason;

    public VmxFileException(Path file, int line, String reason) {
        super(file + ": " + (line > 0 ? "line " + line + ": " : "") + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public VmxFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.line = 0;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }

    public ObjectError toObjectError() {
        return new ObjectError(file.toString(), line > 0 ? "line " + line : "", reason);
    }
}
