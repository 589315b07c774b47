package org.hvdiag.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real libvirtd in session mode with its QEMU driver, started for the tests in a folder of its
 * own by tools/session-libvirtd (as the unprivileged user 65534 when the tests run as root); the
 * tests reach its socket through {@code qemu+unix:///session?socket=...}. Domains run under TCG:
 * no KVM needed. Fails with what to install when libvirtd, virsh or QEMU are missing.
 */
final class SessionLibvirtd implements AutoCloseable {
    private static final int NOBODY = 65534;

    final Path dir;
    private final Path home;
    private final Path run;
    private final boolean root;
    private Process daemon;

    private SessionLibvirtd(Path dir, boolean root) {
        this.dir = dir;
        this.home = dir.resolve("home");
        this.run = dir.resolve("run");
        this.root = root;
    }

    static SessionLibvirtd start(String name) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/qemu-img"))) {
            throw new AssertionError("/usr/bin/qemu-img is missing: the hot-plug test makes a USB disk's image with it "
                    + "(Debian package qemu-utils; tools/install-packages installs it)");
        }
        boolean root = "0".equals(run(List.of("id", "-u")).strip());
        // Short: QEMU's sockets live below it, and a UNIX socket path has at most 107 bytes.
        Path dir = Files.createDirectories(Path.of("/tmp", "hvl-" + name + "-" + Long.toString(System.nanoTime() % 1_000_000, 36)));
        SessionLibvirtd d = new SessionLibvirtd(dir, root);
        d.startDaemon();
        return d;
    }

    /** A folder the daemon's QEMU can read and write (images for USB disks). */
    Path shared(String name) throws Exception {
        Path p = home.resolve(name);
        Files.createDirectories(p);
        if (root) {
            run(List.of("chown", NOBODY + ":" + NOBODY, p.toString()));
        }
        return p;
    }

    /** Makes the file the daemon's user's. */
    /**
     * A 16 MiB raw image the daemon may use and the device XML that plugs it in as USB disk sdb,
     * removable like a stick: what the live tests hot-plug into a running guest.
     */
    Path usbStick() throws Exception {
        Path image = shared("img").resolve("stick.raw");
        run(List.of("qemu-img", "create", "-q", "-f", "raw", image.toString(), "16M"));
        give(image);
        return Files.writeString(dir.resolve("stick.xml"), "<disk type='file' device='disk'>\n"
                + "  <driver name='qemu' type='raw'/>\n  <source file='" + image + "'/>\n"
                + "  <target dev='sdb' bus='usb' removable='on'/>\n</disk>\n");
    }

    void give(Path file) throws Exception {
        if (root) {
            run(List.of("chown", NOBODY + ":" + NOBODY, file.toString()));
        }
    }

    String uri() {
        return "qemu+unix:///session?socket=" + socket();
    }

    private Path socket() {
        return run.resolve("libvirt/libvirt-sock");
    }

    private void startDaemon() throws Exception {
        Path script = Path.of(System.getProperty("hvdiag.repo", "../..")).resolve("tools/session-libvirtd");
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

    /** SIGKILL, as a crash or an OOM kill would: no clean shutdown. The domains' QEMU processes live on. */
    void kill() throws InterruptedException {
        daemon.destroyForcibly();
        daemon.waitFor();
    }

    void restart() throws Exception {
        startDaemon();
    }

    /** virsh against this daemon: the admin's own tool, independent of hvdiag's binding. */
    String virsh(String... args) {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", uri()));
        cmd.addAll(List.of(args));
        try {
            return run(cmd);
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    void define(Path xml) {
        virsh("define", xml.toString());
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

    @Override
    public void close() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            for (String name : virsh("list", "--name").strip().split("\n")) {
                if (!name.isBlank()) {
                    virsh("destroy", name.strip());
                }
            }
            daemon.destroy();
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        run(List.of("rm", "-rf", dir.toString()));
    }
}
