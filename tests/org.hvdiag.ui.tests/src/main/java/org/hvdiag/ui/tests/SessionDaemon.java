package org.hvdiag.ui.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real libvirtd in session mode with its QEMU driver, started for a workbench test in a folder of
 * its own by tools/session-libvirtd, as the libvirt bundle's tests start theirs (as the unprivileged
 * user 65534 when run as root, so no system daemon is touched); the workbench reaches its socket
 * through {@code qemu+unix:///session?socket=...}. Fails, never skips, with the Debian packages to
 * install when libvirtd, virsh or QEMU are missing.
 */
final class SessionDaemon implements AutoCloseable {
    static final String VIRSH = "/usr/bin/virsh";

    final Path dir;
    private final Path run;
    private Process daemon;

    private SessionDaemon(Path dir) {
        this.dir = dir;
        this.run = dir.resolve("run");
    }

    static SessionDaemon start(String name) throws Exception {
        // Short: QEMU's sockets live below it, and a UNIX socket path has at most 107 bytes.
        Path dir = Files.createDirectories(Path.of("/tmp", "hvl-" + name + "-" + Long.toString(System.nanoTime() % 1_000_000, 36)));
        SessionDaemon d = new SessionDaemon(dir);
        try {
            d.startDaemon();
        } catch (Exception | AssertionError e) {
            d.close();
            throw e;
        }
        return d;
    }

    String uri() {
        return "qemu+unix:///session?socket=" + socket();
    }

    private Path socket() {
        return run.resolve("libvirt/libvirt-sock");
    }

    private void startDaemon() throws Exception {
        Path script = Path.of(System.getProperty("hvdiag.repo")).resolve("tools/session-libvirtd");
        daemon = new ProcessBuilder("bash", script.toString(), dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("libvirtd.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new AssertionError("libvirtd exited with " + daemon.exitValue() + ": " + log());
            }
            if (Files.exists(socket())) {
                try {
                    virsh("uri");
                    return;
                } catch (AssertionError notYet) {
                    // the socket is there before the daemon answers on it
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("libvirtd did not answer on " + socket() + " within 60 s: " + log());
    }

    private String log() throws IOException {
        Path log = dir.resolve("libvirtd.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** virsh against this daemon: the admin's own tool, independent of hvdiag's binding. */
    String virsh(String... args) {
        List<String> cmd = new ArrayList<>(List.of(VIRSH, "-q", "-c", uri()));
        cmd.addAll(List.of(args));
        try {
            return run(cmd);
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Defines every domain XML of {@code folder} (examples/libvirt-lab), by file name order; returns their names. */
    List<String> defineAll(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                virsh("define", p.toString());
                names.add(p.getFileName().toString().replaceFirst("\\.xml$", ""));
            }
        }
        return names;
    }

    static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Destroys the running domains, stops the daemon and removes its folder. */
    @Override
    public void close() throws Exception {
        try {
            if (daemon != null && daemon.isAlive()) {
                try {
                    for (String name : virsh("list", "--name").strip().split("\n")) {
                        if (!name.isBlank()) {
                            virsh("destroy", name.strip());
                        }
                    }
                } finally {
                    daemon.destroy();
                    if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                        daemon.destroyForcibly();
                        daemon.waitFor();
                    }
                }
            }
        } finally {
            run(List.of("rm", "-rf", dir.toString()));
        }
    }
}
