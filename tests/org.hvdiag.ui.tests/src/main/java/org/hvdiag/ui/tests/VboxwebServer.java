package org.hvdiag.ui.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The loopback VirtualBox web service (tools/vboxweb-endpoint) serving a copy of examples/vbox-lab,
 * as the workbench tests need it: one user with one password, a free port. The virtualbox bundle's
 * own harness is in its test sources, out of reach of this bundle, hence this small equivalent. An
 * endpoint that does not start fails the test with its log: these tests never skip.
 */
final class VboxwebServer implements AutoCloseable {
    static final String USER = "admin";

    private final Process process;
    private final int port;

    private VboxwebServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A writable copy of examples/vbox-lab: a fix saves into the files the endpoint serves. */
    static Path copyOfVboxLab(Path into) throws IOException {
        Path lab = repo().resolve("examples/vbox-lab");
        try (Stream<Path> all = Files.walk(lab)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = into.resolve(lab.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return into;
    }

    /** Serves the .vbox files under {@code fleet}; only {@link #USER} with {@code password} logs on. */
    static VboxwebServer serving(Path fleet, String password, String testName) throws IOException, InterruptedException {
        Path launcher = repo().resolve("tools/vboxweb-endpoint/run");
        Path dir = Files.createDirectories(repo().resolve("tests/org.hvdiag.ui.tests/target/vboxweb-requests"));
        Path log = dir.resolve(testName + ".endpoint.log");
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", launcher.toString(), "--fleet", fleet.toString(), "--port", "0",
                "--user", USER, "--record", dir.resolve(testName + ".jsonl").toString()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The endpoint reads the password from its environment, so it never shows in a process list.
        pb.environment().put("HVDIAG_VBOXWEB_PASSWORD", password);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // The first start compiles the endpoint with javac, which can take a while on a busy machine.
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(180, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        }
        String prefix = "listening on http://127.0.0.1:";
        if (line == null || !line.startsWith(prefix)) {
            p.destroyForcibly();
            p.waitFor(15, TimeUnit.SECONDS);
            throw new AssertionError("the vboxweb endpoint (" + launcher + ") did not start"
                    + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")") + "; first line: " + line + "\n"
                    + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "")
                    + "\n(it needs a JDK's javac and java on PATH)");
        }
        // Nothing more is printed on stdout, but a full pipe would block the endpoint: keep reading.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException e) {
                // the endpoint went away
            }
        }, "vboxweb-endpoint-stdout");
        drain.setDaemon(true);
        drain.start();
        return new VboxwebServer(p, Integer.parseInt(line.substring(prefix.length(), line.length() - 1)));
    }

    /** What an admin types for this server: vbox://admin@127.0.0.1:PORT. */
    String target() {
        return "vbox://" + USER + "@127.0.0.1:" + port;
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

    private static Path repo() {
        return Path.of(System.getProperty("hvdiag.repo")).toAbsolutePath().normalize();
    }
}
