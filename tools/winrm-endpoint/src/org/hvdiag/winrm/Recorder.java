package org.hvdiag.winrm;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * --record FILE: one JSON line per exchange, {"action","request","response","status"}, flushed at
 * once because tests kill the endpoint. Only bodies are recorded: HTTP headers, and so the
 * Authorization header with the password, never reach the file.
 */
final class Recorder implements AutoCloseable {
    private final BufferedWriter out;

    Recorder(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void record(String action, String request, String response, int status) {
        StringBuilder b = new StringBuilder(request.length() + response.length() + 96);
        b.append("{\"action\":");
        Json.string(b, action, false);
        b.append(",\"request\":");
        Json.string(b, request, false);
        b.append(",\"response\":");
        Json.string(b, response, false);
        b.append(",\"status\":").append(status).append("}\n");
        synchronized (this) {
            try {
                out.write(b.toString());
                out.flush();
            } catch (IOException e) {
                System.err.println("winrm-endpoint: cannot record: " + e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
