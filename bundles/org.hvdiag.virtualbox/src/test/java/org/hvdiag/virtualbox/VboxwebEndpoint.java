package org.hvdiag.virtualbox;

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
import java.util.stream.Stream;

/**
 * The loopback vboxweb endpoint (tools/vboxweb-endpoint) as a test runs it: started through its
 * launcher (which compiles it with javac when needed) on a free loopback port, serving a fleet of
 * .vbox files, recording every exchange into target/vboxweb-requests/&lt;test&gt;.jsonl, where
 * tools/corpus-check validates them against VirtualBox's WSDLs. A missing javac or an endpoint that
 * does not start fails the test with the reason and the endpoint's log: these tests never skip.
 * <p>
 * {@link #kill()} is SIGKILL (a crash of vboxwebsrv); {@link #close()} stops it with SIGTERM.
 */
public final class VboxwebEndpoint implements AutoCloseable {
    /** The user tests log on as; the password is {@link Builder#password(String)}, none = any accepted. */
    public static final String USER = "admin";

    private final Process process;
    private final int port;
    private final boolean tls;
    private final String thumbprint;
    private final Path recording;
    private final Path log;

    private VboxwebEndpoint(Process process, int port, boolean tls, String thumbprint, Path recording, Path log) {
        this.process = process;
        this.port = port;
        this.tls = tls;
        this.thumbprint = thumbprint;
        this.recording = recording;
        this.log = log;
    }

    /** An endpoint serving the .vbox files under {@code fleet}, its exchanges recorded as {@code testName}. */
    public static Builder serving(Path fleet, String testName) {
        return new Builder(fleet, testName);
    }

    /** The repository root (system property hvdiag.repo, which the bundle's pom passes to surefire). */
    public static Path repo() {
        String repo = System.getProperty("hvdiag.repo");
        if (repo == null || repo.isBlank()) {
            throw new AssertionError("system property hvdiag.repo is not set: run the tests through Maven "
                    + "(bundles/org.hvdiag.virtualbox/pom.xml passes it) or pass -Dhvdiag.repo=REPO");
        }
        return Path.of(repo).toAbsolutePath().normalize();
    }

    /**
     * A writable copy of examples/vbox-lab in {@code dir}: saveSettings writes into the served
     * files, and the examples must stay as they are.
     */
    public static Path copyOfLab(Path dir) throws IOException {
        Path lab = repo().resolve("examples/vbox-lab");
        Path target = dir.resolve("vbox-lab");
        try (Stream<Path> files = Files.walk(lab)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(lab.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    public int port() {
        return port;
    }

    /** "http://127.0.0.1:PORT/" or "https://127.0.0.1:PORT/". */
    public String url() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port + "/";
    }

    /** The target an admin would type: vbox://admin@127.0.0.1:PORT or vbox+https://... */
    public String target() {
        return (tls ? "vbox+https" : "vbox") + "://" + USER + "@127.0.0.1:" + port;
    }

    /** The SHA-256 fingerprint of the endpoint's certificate (AA:BB:...), null without TLS. */
    public String thumbprint() {
        return thumbprint;
    }

    /** The JSON-lines file the endpoint appends every exchange to. */
    public Path recording() {
        return recording;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash: nothing is flushed or unlocked beyond what the endpoint already wrote. */
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
        private String version = "7.0.14";
        private final List<String> running = new ArrayList<>();
        private boolean tls;
        private Path record;
        private String password;
        private final List<String> extra = new ArrayList<>();

        private Builder(Path fleet, String testName) {
            this.fleet = fleet;
            this.testName = testName.replaceAll("[^A-Za-z0-9._-]", "_");
        }

        /** The VirtualBox version it plays: 6.1.x, 7.0.x (default 7.0.14) or 7.1.x. */
        public Builder version(String v) {
            this.version = v;
            return this;
        }

        /** Machines (by name) that run: state Running, locked by their VM process. */
        public Builder running(String... names) {
            running.addAll(List.of(names));
            return this;
        }

        /** HTTPS with a self-signed key; {@link VboxwebEndpoint#thumbprint()} pins it. */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** Where to record (default bundles/org.hvdiag.virtualbox/target/vboxweb-requests/TEST.jsonl). */
        public Builder record(Path file) {
            this.record = file;
            return this;
        }

        /** Require USER with this password (HVDIAG_VBOXWEB_PASSWORD); none = any user and password. */
        public Builder password(String pw) {
            this.password = pw;
            return this;
        }

        /** Further endpoint options, e.g. "--timeout", "5" or "--host-cpus", "2". */
        public Builder options(String... more) {
            extra.addAll(List.of(more));
            return this;
        }

        public VboxwebEndpoint start() throws IOException, InterruptedException {
            Path repo = repo();
            Path launcher = repo.resolve("tools/vboxweb-endpoint/run");
            Path dir = repo.resolve("bundles/org.hvdiag.virtualbox/target/vboxweb-requests");
            Files.createDirectories(dir);
            Path rec = record != null ? record : dir.resolve(testName + ".jsonl");
            Path log = dir.resolve(testName + ".endpoint.log");
            List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString(), "--fleet", fleet.toString(),
                    "--port", "0", "--version", version, "--user", USER, "--record", rec.toString()));
            if (!running.isEmpty()) {
                cmd.addAll(List.of("--running", String.join(",", running)));
            }
            if (tls) {
                cmd.add("--tls");
            }
            cmd.addAll(extra);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().remove("HVDIAG_VBOXWEB_PASSWORD");
            if (password != null) {
                pb.environment().put("HVDIAG_VBOXWEB_PASSWORD", password);
            }
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            // The first start compiles the endpoint; several test JVMs may wait for one compile.
            CompletableFuture<String[]> firstLines = CompletableFuture.supplyAsync(() -> {
                try {
                    String first = out.readLine();
                    String second = tls && first != null ? out.readLine() : null;
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
            String prefix = "listening on " + (tls ? "https" : "http") + "://127.0.0.1:";
            if (lines[0] == null || !lines[0].startsWith(prefix) || (tls && (lines[1] == null || !lines[1].startsWith("thumbprint ")))) {
                p.destroyForcibly();
                p.waitFor(15, TimeUnit.SECONDS);
                String why = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                throw new AssertionError("the vboxweb endpoint (" + launcher + ") did not start"
                        + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")") + "; first line: " + lines[0]
                        + "\n" + why.strip()
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
            }, "vboxweb-endpoint-stdout");
            drain.setDaemon(true);
            drain.start();
            return new VboxwebEndpoint(p, port, tls, tls ? lines[1].substring("thumbprint ".length()) : null, rec, log);
        }
    }
}
