package org.hvdiag.hyperv;

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
 * The loopback WinRM endpoint (tools/winrm-endpoint) as a test runs it: started through its launcher
 * (which compiles it with javac when needed) on a free loopback port, playing the Hyper-V host of a
 * fleet file, recording every exchange into target/winrm-requests/&lt;test&gt;.jsonl. A missing javac
 * or an endpoint that does not start fails the test with the reason and the endpoint's log: these
 * tests never skip.
 * <p>
 * {@link #kill()} is SIGKILL (a crash: the fleet file holds every change answered before it);
 * {@link #close()} stops it with SIGTERM.
 */
public final class WinrmEndpointProcess implements AutoCloseable {
    /** The account tests authenticate as (Basic); the password is {@link Builder#password(String)}. */
    public static final String USER = "Administrator";
    /** The password when a test sets none: made for tests, never a real credential. */
    public static final String DEFAULT_PASSWORD = "loopback-only-Passw0rd";

    private final Process process;
    private final int port;
    private final String thumbprint;
    private final Path fleet;
    private final Path certificate;
    private final Path recording;
    private final Path log;

    private WinrmEndpointProcess(Process process, int port, String thumbprint, Path fleet, Path certificate, Path recording,
            Path log) {
        this.process = process;
        this.port = port;
        this.thumbprint = thumbprint;
        this.fleet = fleet;
        this.certificate = certificate;
        this.recording = recording;
        this.log = log;
    }

    /** An endpoint serving the host in {@code fleetFile}, its exchanges recorded as {@code testName}. */
    public static Builder serving(Path fleetFile, String testName) {
        return new Builder(fleetFile, testName);
    }

    /** The repository root (system property hvdiag.repo, which the bundle's pom passes to surefire). */
    public static Path repo() {
        String repo = System.getProperty("hvdiag.repo");
        if (repo == null || repo.isBlank()) {
            throw new AssertionError("system property hvdiag.repo is not set: run the tests through Maven "
                    + "(bundles/org.hvdiag.hyperv/pom.xml must pass it to surefire, as the virtualbox bundle's does) "
                    + "or pass -Dhvdiag.repo=REPO");
        }
        return Path.of(repo).toAbsolutePath().normalize();
    }

    /**
     * A writable copy of examples/hyperv-lab/host.json in {@code dir}: the endpoint writes every change
     * into the file it serves, and the example must stay as it is.
     */
    public static Path copyOfLab(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("host.json");
        Files.copy(repo().resolve("examples/hyperv-lab/host.json"), target);
        return target;
    }

    /**
     * A host with {@code count} VMs made from the lab's (fresh GUIDs, names NAME-0001...) in
     * {@code dir}, through the endpoint's own generator.
     */
    public static Path generatedFleet(Path dir, int count) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path target = dir.resolve("host-" + count + ".json");
        Path log = dir.resolve("generate-" + count + ".log");
        Process p = new ProcessBuilder("bash", repo().resolve("tools/winrm-endpoint/run").toString(), "generate", "--from",
                repo().resolve("examples/hyperv-lab/host.json").toString(), "--count", Integer.toString(count), "--into",
                target.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("the WinRM endpoint's fleet generator failed:\n" + Files.readString(log));
        }
        return target;
    }

    public int port() {
        return port;
    }

    /** "https://127.0.0.1:PORT/wsman". */
    public String url() {
        return "https://127.0.0.1:" + port + "/wsman";
    }

    /** The target an admin would type: winrm+https://Administrator@127.0.0.1:PORT */
    public String target() {
        return "winrm+https://" + USER + "@127.0.0.1:" + port;
    }

    /** The SHA-256 fingerprint of the endpoint's certificate (AA:BB:...). */
    public String thumbprint() {
        return thumbprint;
    }

    /** The endpoint's certificate (PEM), for a test that trusts it rather than pinning it. */
    public Path certificate() {
        return certificate;
    }

    /** The fleet file it serves and writes changes into. */
    public Path fleet() {
        return fleet;
    }

    /** The JSON-lines file the endpoint appends every exchange to. */
    public Path recording() {
        return recording;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash: nothing is written beyond what the endpoint already wrote. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
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

    /** The endpoint's stderr so far (for a test's failure message). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The endpoint's options; {@link #start()} launches it. */
    public static final class Builder {
        private final Path fleet;
        private final String testName;
        private String user = USER;
        private String password = DEFAULT_PASSWORD;
        private Path record;
        private final List<String> extra = new ArrayList<>();

        private Builder(Path fleet, String testName) {
            this.fleet = fleet;
            this.testName = testName.replaceAll("[^A-Za-z0-9._-]", "_");
        }

        /** The account Basic authentication accepts (default Administrator). */
        public Builder user(String name) {
            this.user = name;
            return this;
        }

        /** The password (HVDIAG_WINRM_PASSWORD of the endpoint; default {@link #DEFAULT_PASSWORD}). */
        public Builder password(String pw) {
            this.password = pw;
            return this;
        }

        /** Where to record (default bundles/org.hvdiag.hyperv/target/winrm-requests/TEST.jsonl). */
        public Builder record(Path file) {
            this.record = file;
            return this;
        }

        /** Further endpoint options, e.g. "--command-delay", "3000" or "--denied-user", "guest". */
        public Builder options(String... more) {
            extra.addAll(List.of(more));
            return this;
        }

        public WinrmEndpointProcess start() throws IOException, InterruptedException {
            Path repo = repo();
            Path launcher = repo.resolve("tools/winrm-endpoint/run");
            Path dir = repo.resolve("bundles/org.hvdiag.hyperv/target/winrm-requests");
            Files.createDirectories(dir);
            Path rec = record != null ? record : dir.resolve(testName + ".jsonl");
            Path log = dir.resolve(testName + ".endpoint.log");
            Path cert = dir.resolve(testName + ".cert.pem");
            List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString(), "--fleet", fleet.toString(), "--port", "0",
                    "--user", user, "--record", rec.toString(), "--cert-out", cert.toString()));
            cmd.addAll(extra);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // The password travels in the environment only: never on a command line or in a log.
            pb.environment().put("HVDIAG_WINRM_PASSWORD", password);
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            // The first start compiles the endpoint; several test JVMs may wait for one compile.
            CompletableFuture<String[]> firstLines = CompletableFuture.supplyAsync(() -> {
                try {
                    String first = out.readLine();
                    String second = first != null ? out.readLine() : null;
                    return new String[] { first, second };
                } catch (IOException e) {
                    return new String[] { null, null };
                }
            });
            String[] lines;
            try {
                lines = firstLines.get(180, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                lines = new String[] { null, null };
            }
            String prefix = "listening on https://127.0.0.1:";
            if (lines[0] == null || !lines[0].startsWith(prefix) || !lines[0].endsWith("/") || lines[1] == null
                    || !lines[1].startsWith("thumbprint ")) {
                p.destroyForcibly();
                p.waitFor(15, TimeUnit.SECONDS);
                String why = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                throw new AssertionError("the WinRM endpoint (" + launcher + ") did not start"
                        + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")") + "; first line: " + lines[0] + "\n" + why.strip()
                        + "\n(it needs a JDK's javac and java on PATH: Debian's openjdk-17-jdk-headless, tools/debian-packages.txt)");
            }
            int port = Integer.parseInt(lines[0].substring(prefix.length(), lines[0].length() - 1));
            // Keep draining stdout so the endpoint never blocks on a full pipe.
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // nothing else is printed on stdout
                    }
                } catch (IOException e) {
                    // the endpoint went away
                }
            }, "winrm-endpoint-stdout");
            drain.setDaemon(true);
            drain.start();
            return new WinrmEndpointProcess(p, port, lines[1].substring("thumbprint ".length()), fleet, cert, rec, log);
        }
    }
}
