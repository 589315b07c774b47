package org.hvdiag.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The vSphere simulator harness (tools/vcsim-harness) on a free loopback port, logging in the user
 * {@link #USER} with the password the CLI reads from HVDIAG_PASSWORD (the tests' environment, set in
 * this bundle's pom), so the CLI under test talks to it over real SOAP/HTTPS as an admin's would.
 * A harness that cannot be built or started fails the test with the reason: these tests never skip.
 */
final class SimulatedVcenter implements AutoCloseable {
    static final String USER = "hvdiag";

    private final Process process;
    final String hostPort;
    final String thumbprint;

    private SimulatedVcenter(Process process, String hostPort, String thumbprint) {
        this.process = process;
        this.hostPort = hostPort;
        this.thumbprint = thumbprint;
    }

    /** The password the CLI will send: the tests' HVDIAG_PASSWORD, which the harness is started with. */
    static String password() {
        String p = System.getenv("HVDIAG_PASSWORD");
        if (p == null || p.isEmpty()) {
            throw new AssertionError("HVDIAG_PASSWORD is not set for the tests: the CLI reads it; this bundle's pom sets it for surefire");
        }
        return p;
    }

    static SimulatedVcenter start(int vms) throws IOException, InterruptedException {
        Path script = Lab.repo().resolve("tools/vcsim-harness/build.sh");
        Process build = new ProcessBuilder("bash", script.toString()).start();
        String built = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String buildErr = new String(build.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (build.waitFor() != 0 || built.isEmpty()) {
            throw new AssertionError("the vSphere simulator harness could not be built by " + script + ": " + buildErr);
        }
        String bin = built.lines().reduce((a, b) -> b).orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(List.of(bin, "-vms", String.valueOf(vms), "-user", USER))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("VCSIM_PASSWORD", password());
        Process p = pb.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        String thumb = null;
        List<String> seen = new ArrayList<>();
        for (String line; (line = in.readLine()) != null && !line.equals("ready"); ) {
            seen.add(line);
            if (line.startsWith("url ")) {
                url = line.substring(4);
            } else if (line.startsWith("thumbprint ")) {
                thumb = line.substring(11);
            }
        }
        if (url == null || thumb == null) {
            p.destroyForcibly();
            throw new AssertionError("the vSphere simulator harness " + bin + " did not start; it printed " + seen);
        }
        // Its stdout must keep draining, or the harness could block on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                in.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the harness went away
            }
        }, "vcsim-harness-stdout");
        drain.setDaemon(true);
        drain.start();
        String hostPort = url.replaceFirst("^https://", "").replaceFirst("/sdk$", "");
        return new SimulatedVcenter(p, hostPort, thumb);
    }

    /** The target for {@code user}: {@link #USER} logs in, any other name is refused. */
    String target(String user) {
        return "vsphere://" + user + "@" + hostPort;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
