package org.hvdiag.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The loopback WinRM endpoint (tools/winrm-endpoint) playing the Hyper-V host of a copy of
 * examples/hyperv-lab/host.json over HTTPS with a self-signed certificate, as the workbench tests
 * need it: Administrator with one password, a free port. The hyperv bundle's own harness is in its
 * test sources, out of reach of this bundle, hence this small equivalent. An endpoint that does not
 * start fails the test with its log: these tests never skip.
 */
final class WinrmServer implements AutoCloseable {
    static final String USER = "Administrator";
    private static final String THUMBPRINT = "thumbprint ";

    private final LoopbackEndpoint endpoint;

    private WinrmServer(LoopbackEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A writable copy of examples/hyperv-lab/host.json: the endpoint writes every change into the file it serves. */
    static Path copyOfHypervLab(Path into) throws IOException {
        Files.createDirectories(into);
        return Files.copy(LoopbackEndpoint.repo().resolve("examples/hyperv-lab/host.json"), into.resolve("host.json"));
    }

    /** Serves the Hyper-V host in {@code fleet}; only {@link #USER} with {@code password} logs on. */
    static WinrmServer serving(Path fleet, String password, String testName) throws IOException, InterruptedException {
        return new WinrmServer(LoopbackEndpoint.start("winrm-endpoint",
                List.of("--fleet", fleet.toString(), "--port", "0", "--user", USER), "HVDIAG_WINRM_PASSWORD", password,
                testName, List.of("listening on https://127.0.0.1:", THUMBPRINT)));
    }

    /** What an admin types for this host: winrm+https://Administrator@127.0.0.1:PORT. */
    String target() {
        return "winrm+https://" + USER + "@127.0.0.1:" + endpoint.port();
    }

    /** The SHA-256 thumbprint of the endpoint's self-signed certificate, as it printed it. */
    String thumbprint() {
        return endpoint.after(1, THUMBPRINT);
    }

    @Override
    public void close() throws InterruptedException {
        endpoint.close();
    }
}
