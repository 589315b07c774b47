package org.hvdiag.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The loopback VirtualBox web service (tools/vboxweb-endpoint) serving a copy of examples/vbox-lab,
 * as the workbench tests need it: one user with one password, a free port. The virtualbox bundle's
 * own harness is in its test sources, out of reach of this bundle, hence this small equivalent. An
 * endpoint that does not start fails the test with its log: these tests never skip.
 */
final class VboxwebServer implements AutoCloseable {
    static final String USER = "admin";

    private final LoopbackEndpoint endpoint;

    private VboxwebServer(LoopbackEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A writable copy of examples/vbox-lab: a fix saves into the files the endpoint serves. */
    static Path copyOfVboxLab(Path into) throws IOException {
        Path lab = LoopbackEndpoint.repo().resolve("examples/vbox-lab");
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
        return new VboxwebServer(LoopbackEndpoint.start("vboxweb-endpoint",
                List.of("--fleet", fleet.toString(), "--port", "0", "--user", USER), "HVDIAG_VBOXWEB_PASSWORD", password,
                testName, List.of("listening on http://127.0.0.1:")));
    }

    /** What an admin types for this server: vbox://admin@127.0.0.1:PORT. */
    String target() {
        return "vbox://" + USER + "@127.0.0.1:" + endpoint.port();
    }

    @Override
    public void close() throws InterruptedException {
        endpoint.close();
    }
}
