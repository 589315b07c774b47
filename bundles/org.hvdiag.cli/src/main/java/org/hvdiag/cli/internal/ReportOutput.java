package org.hvdiag.cli.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a report goes: the file of --output (its folder made if missing), else stdout, buffered either way. */
final class ReportOutput {
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private ReportOutput() {
    }

    static void write(Path output, PrintStream stdout, Body body) throws IOException {
        if (output == null) {
            OutputStream buffered = new BufferedOutputStream(stdout, 1 << 16);
            body.writeTo(buffered);
            buffered.flush();
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            body.writeTo(o);
        }
    }
}
