package org.hvdiag.esxi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Session;

/**
 * The vSphere simulator harness (tools/vcsim-harness) as a test runs it: built by its script when
 * missing, started on a free loopback port, stopped at the end. A harness that cannot be built or
 * started fails the test with the reason: these tests never skip.
 */
final class Harness implements AutoCloseable {
    static final String USER = "hvdiag";
    static final String PASSWORD = "sim-secret-" + Long.toHexString(System.nanoTime());

    final Process process;
    final String url;
    final int port;
    final String thumbprint;
    final Path listingFile;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private Harness(Process process, int port, String url, String thumbprint, Path listingFile) {
        this.process = process;
        this.port = port;
        this.url = url;
        this.thumbprint = thumbprint;
        this.listingFile = listingFile;
    }

    static Path repo() {
        return Path.of(System.getProperty("hvdiag.repo", "../..")).toAbsolutePath().normalize();
    }

    static Path binary() throws IOException, InterruptedException {
        Path script = repo().resolve("tools/vcsim-harness/build.sh");
        Process build = new ProcessBuilder("bash", script.toString()).redirectErrorStream(false).start();
        String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(build.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (build.waitFor() != 0 || out.isEmpty()) {
            throw new AssertionError("the vSphere simulator harness could not be built by " + script + ": " + err
                    + "\n(tools/install-packages, run by tools/test, installs golang-go and golang-github-vmware-govmomi-dev from tools/debian-packages.txt)");
        }
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    static Harness start(int vms, String... extra) throws Exception {
        Path bin = binary();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path listing = Files.createTempFile("vcsim-listing", ".json");
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-vms", String.valueOf(vms), "-port",
                String.valueOf(port), "-user", USER, "-listing", listing.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("VCSIM_PASSWORD", PASSWORD);
        Process p = pb.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        String thumb = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("url ")) {
                url = line.substring(4);
            } else if (line.startsWith("thumbprint ")) {
                thumb = line.substring(11);
            } else if (line.equals("ready")) {
                break;
            }
        }
        if (url == null || thumb == null) {
            p.destroyForcibly();
            throw new AssertionError("the vSphere simulator harness " + bin + " did not start (exit "
                    + (p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : -1) + "); see its stderr above");
        }
        Harness h = new Harness(p, port, url, thumb, listing);
        Thread reader = new Thread(() -> {
            try {
                String l;
                while ((l = in.readLine()) != null) {
                    h.lines.add(l);
                }
            } catch (IOException e) {
                // the harness went away
            }
        }, "vcsim-harness-stdout");
        reader.setDaemon(true);
        reader.start();
        return h;
    }

    String target() {
        return "vsphere://" + USER + "@127.0.0.1:" + port;
    }

    /** Sends one line to the harness's stdin (e.g. "forget-sessions", folder.go) and waits for its answer. */
    void command(String line, String answer) throws Exception {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        awaitLine(answer::equals);
    }

    /** The first stdout line after "ready" that matches; waits for it, as the harness prints after answering. */
    String awaitLine(java.util.function.Predicate<String> wanted) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            synchronized (lines) {
                for (String l : lines) {
                    if (wanted.test(l)) {
                        return l;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the harness printed no such line; it printed " + lines);
    }

    JsonNode listing() throws IOException {
        return new ObjectMapper().readTree(listingFile.toFile());
    }

    Session connect() throws Exception {
        return new VsphereConnector().connect(new Endpoint(target(), java.util.Map.of("thumbprint", thumbprint)),
                new Credentials(USER, PASSWORD.toCharArray()));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(listingFile);
    }
}
