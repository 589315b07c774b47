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
 * The loopback WinRM endpoint (tools/winrm-endpoint) playing the Hyper-V host of a copy of
 * examples/hyperv-lab/host.json over HTTPS with a self-signed certificate, as the workbench tests
 * need it: Administrator with one password, a free port. The hyperv bundle's own harness is in its
 * test sources, out of reach of this bundle, hence this small equivalent. An endpoint that does not
 * start fails the test with its log: these tests never skip.
 */
final class WinrmServer implements AutoCloseable {
    static final String USER = "Administrator";

    private final Process process;
    private final int port;
    private final String thumbprint;

    private WinrmServer(Process process, int port, String thumbprint) {
        this.process = process;
        this.port = port;
        this.thumbprint = thumbprint;
    }

    /** A writable copy of examples/hyperv-lab/host.json: the endpoint writes every change into the file it serves. */
    static Path copyOfHypervLab(Path into) throws IOException {
        Files.createDirectories(into);
        return Files.copy(repo().resolve("examples/hyperv-lab/host.json"), into.resolve("host.json"));
    }

    /** Serves the Hyper-V host in {@code fleet}; only {@link #USER} with {@code password} logs on. */
    static WinrmServer serving(Path fleet, String password, String testName) throws IOException, InterruptedException {
        Path launcher = repo().resolve("tools/winrm-endpoint/run");
        Path dir = Files.createDirectories(repo().resolve("tests/org.hvdiag.ui.tests/target/winrm-requests"));
        Path log = dir.resolve(testName + ".endpoint.log");
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", launcher.toString(), "--fleet", fleet.toString(), "--port", "0",
                "--user", USER, "--record", dir.resolve(testName + ".jsonl").toString()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The endpoint reads the password from its environment, so it never shows in a process list.
        pb.environment().put("HVDIAG_WINRM_PASSWORD", password);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // "listening on https://127.0.0.1:PORT/" then "thumbprint AA:..". The first start compiles the
        // endpoint with javac and makes its key with keytool, which can take a while on a busy machine.
        CompletableFuture<List<String>> first = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
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
        String listening = "listening on https://127.0.0.1:";
        String print = "thumbprint ";
        if (lines.size() < 2 || !lines.get(0).startsWith(listening) || !lines.get(1).startsWith(print)) {
            p.destroyForcibly();
            p.waitFor(15, TimeUnit.SECONDS);
            throw new AssertionError("the WinRM endpoint (" + launcher + ") did not start"
                    + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")") + "; first lines: " + lines + "\n"
                    + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "")
                    + "\n(it needs a JDK's javac, keytool and java on PATH)");
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
        }, "winrm-endpoint-stdout");
        drain.setDaemon(true);
        drain.start();
        String first0 = lines.get(0);
        return new WinrmServer(p, Integer.parseInt(first0.substring(listening.length(), first0.length() - 1)),
                lines.get(1).substring(print.length()).strip());
    }

    /** What an admin types for this host: winrm+https://Administrator@127.0.0.1:PORT. */
    String target() {
        return "winrm+https://" + USER + "@127.0.0.1:" + port;
    }

    /** The SHA-256 thumbprint of the endpoint's self-signed certificate, as it printed it. */
    String thumbprint() {
        return thumbprint;
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
