package org.hvdiag.vboxweb;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * --record FILE: one JSON line per exchange, {"api","operation","request","response","status"},
 * flushed at once because tests kill the endpoint. tools/corpus-check validates these lines against
 * VirtualBox's WSDL. Logon passwords are withheld.
 */
final class Recorder implements AutoCloseable {
    private final BufferedWriter out;
    private final String api;

    Recorder(Path file, String api) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.api = api;
    }

    void record(String operation, String request, String response, int status) {
        if (operation.equals("IWebsessionManager_logon")) {
            request = withoutPassword(request);
        }
        StringBuilder b = new StringBuilder(request.length() + response.length() + 96);
        b.append("{\"api\":");
        json(b, api);
        b.append(",\"operation\":");
        json(b, operation);
        b.append(",\"request\":");
        json(b, request);
        b.append(",\"response\":");
        json(b, response);
        b.append(",\"status\":").append(status).append("}\n");
        synchronized (this) {
            try {
                out.write(b.toString());
                out.flush();
            } catch (IOException e) {
                System.err.println("vboxweb-endpoint: cannot record: " + e.getMessage());
            }
        }
    }

    /**
     * The logon request with its password replaced: a recording is a file kept beside test reports,
     * and a password must not land in one. The stand-in is still an xsd:string, so the request
     * stays valid against the WSDL.
     */
    static String withoutPassword(String request) {
        return request.replaceAll("(?s)(<password>).*?(</password>)", "$1(withheld)$2")
                .replaceAll("(?s)(<password/>)", "<password>(withheld)</password>");
    }

    private static void json(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
