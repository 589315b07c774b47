package org.hvdiag.ui.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One of the repository's loopback endpoints (tools/vboxweb-endpoint, tools/winrm-endpoint) as a
 * workbench test runs it: started through its launcher on a free port, its first stdout lines read
 * (where it listens, its thumbprint), its stdout drained so it never blocks. An endpoint that does
 * not start fails the test with its log: these tests never skip.
 */
final class LoopbackEndpoint implements AutoCloseable {
    private final Process process;
    private final List<String> firstLines;

    private LoopbackEndpoint(Process process, List<String> firstLines) {
        this.process = process;
        this.firstLines = firstLines;
    }

    /**
     * @param tool the folder under tools/ ("winrm-endpoint")
     * @param passwordVariable the environment variable the endpoint reads its password from, so the
     *        password never shows in a process list
     * @param expected the prefixes its first stdout lines must start with
     */
    static LoopbackEndpoint start(String tool, List<String> arguments, String passwordVariable, String password,
            String testName, List<String> expected) throws IOException, InterruptedException {
        Path launcher = repo().resolve("tools/" + tool + "/run");
        // target/vboxweb-requests, target/winrm-requests: where tools/corpus-check looks for recordings.
        Path dir = Files.createDirectories(repo().resolve("tests/org.hvdiag.ui.tests/target/"
                + tool.replace("-endpoint", "") + "-requests"));
        Path log = dir.resolve(testName + ".endpoint.log");
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(arguments);
        command.addAll(List.of("--record", dir.resolve(testName + ".jsonl").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put(passwordVariable, password);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // The first start compiles the endpoint with javac (and may make a key with keytool): on a
        // busy machine that takes a while.
        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                for (int i = 0; i < expected.size(); i++) {
                    String line = out.readLine();
                    if (line == null) {
                        break;
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // the endpoint went away: reported below with its log
            }
            return lines;
        });
        List<String> lines;
        try {
            lines = first.get(180, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            lines = List.of();
        }
        boolean started = lines.size() == expected.size();
        for (int i = 0; started && i < expected.size(); i++) {
            started = lines.get(i).startsWith(expected.get(i));
        }
        if (!started) {
            p.destroyForcibly();
            p.waitFor(15, TimeUnit.SECONDS);
            throw new AssertionError("the endpoint " + launcher + " did not start"
                    + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")") + "; first lines: " + lines + "\n"
                    + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "")
                    + "\n(it needs a JDK's javac, keytool and java on PATH)");
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard: nothing more is printed, but a full pipe would block the endpoint
                }
            } catch (IOException e) {
                // the endpoint went away
            }
        }, tool + "-stdout");
        drain.setDaemon(true);
        drain.start();
        return new LoopbackEndpoint(p, List.copyOf(lines));
    }

    /** The rest of first line {@code index} after {@code prefix}, e.g. the port or the thumbprint. */
    String after(int index, String prefix) {
        return firstLines.get(index).substring(prefix.length()).strip();
    }

    /** The port from a "listening on http(s)://127.0.0.1:PORT/" line. */
    int port() {
        String l = firstLines.get(0);
        return Integer.parseInt(l.substring(l.lastIndexOf(':') + 1, l.length() - 1));
    }

    static Path repo() {
        return Path.of(System.getProperty("hvdiag.repo")).toAbsolutePath().normalize();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(15, TimeUnit.SECONDS);
            }
        }
    }
}
