package org.hvdiag.winrm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The loopback WinRM listener: HTTPS on 127.0.0.1, path /wsman, NTLM (under "Negotiate", one logon per
 * connection) or Basic authentication, one POST per WS-Management message. Stops cleanly on SIGTERM and SIGINT.
 */
public final class Main {
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";

    private Main() {
    }

    public static void main(String[] args) {
        // Headers and body leave in two writes: without TCP_NODELAY each answer waits for the
        // client's delayed ACK (about 40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            if (args.length > 0 && args[0].equals("generate")) {
                System.exit(FleetGenerator.run(args));
            }
            serve(Options.parse(args, System.getenv("HVDIAG_WINRM_PASSWORD")));
        } catch (IllegalArgumentException e) {
            System.err.println("winrm-endpoint: " + e.getMessage() + "\n" + Options.USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("winrm-endpoint: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void serve(Options o) throws Exception {
        Fleet loaded = Fleet.load(o.fleet());
        Fleet fleet = o.computerName() == null ? loaded
                : Fleet.of(o.fleet(), loaded.host().withComputerName(o.computerName()), loaded.vms(),
                        loaded.events());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("winrm-command"));
        WindowsCommands commands = new WindowsCommands(fleet.host(), new PowerShellHost(fleet));
        ShellService service = new ShellService(commands, o.commandDelay(), scheduler);
        BasicAuth auth = new BasicAuth(o.user(), o.password(), o.deniedUser());
        Recorder recorder = o.record() == null ? null : new Recorder(o.record());

        TlsKey key = TlsKey.create();
        NtlmAcceptor ntlm = new NtlmAcceptor(o.user(), o.password(), o.deniedUser(), fleet.host().computerName(), key.der());
        if (o.certOut() != null) {
            Files.writeString(o.certOut(), key.pem(), StandardCharsets.US_ASCII);
        }
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), o.port()), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(key.context()));
        ExecutorService pool = Executors.newFixedThreadPool(o.threads(), daemon("winrm-request"));
        server.setExecutor(pool);
        server.createContext("/", exchange -> handle(exchange, service, auth, ntlm, recorder));
        server.start();

        Consumer<String> stop = signal -> {
            System.err.println("winrm-endpoint: stopping on SIG" + signal);
            server.stop(0);
            pool.shutdownNow();
            if (recorder != null) {
                try {
                    recorder.close();
                } catch (IOException e) {
                    // nothing more to record
                }
            }
            System.exit(0);
        };
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> stop.accept(s.getName()));
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> stop.accept(s.getName()));

        System.out.println("listening on https://127.0.0.1:" + server.getAddress().getPort() + "/");
        System.out.println("thumbprint " + key.thumbprint());
        System.out.flush();
        HostFacts h = fleet.host();
        System.err.println("winrm-endpoint: Hyper-V host " + h.computerName() + " (" + h.osVersion() + ", default version "
                + h.defaultVersion() + "), " + fleet.vms().size() + " VMs from " + o.fleet() + "; NTLM and Basic authentication as "
                + o.user() + " with the password from HVDIAG_WINRM_PASSWORD");
        Thread.currentThread().join();
    }

    private static void handle(HttpExchange exchange, ShellService service, BasicAuth auth, NtlmAcceptor ntlm,
            Recorder recorder) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.equalsIgnoreCase("/wsman")) {
                // HTTP.sys answers a URL no listener registered with 404 and no body.
                send(exchange, 404, "", null);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Object connection = connection(exchange);
            byte[] ntlmToken = ntlmToken(authorization);
            BasicAuth.Result who;
            if (ntlmToken != null) {
                NtlmAcceptor.Step step = ntlm.step(connection, ntlmToken);
                if (step.challenge() != null) {
                    exchange.getResponseHeaders().add("WWW-Authenticate",
                            "Negotiate " + Base64.getEncoder().encodeToString(step.challenge()));
                    send(exchange, 401, "", null);
                    record(recorder, "Unauthorized", request, "", 401);
                    return;
                }
                who = step.result();
            } else if (authorization == null && ntlm.loggedOn(connection) != null) {
                who = ntlm.loggedOn(connection);
            } else {
                who = auth.check(authorization);
            }
            if (who.outcome() == BasicAuth.Outcome.UNAUTHORIZED) {
                // Both schemes a Windows listener offers.
                exchange.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"WSMAN\"");
                send(exchange, 401, "", null);
                record(recorder, "Unauthorized", request, "", 401);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "", null);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.toLowerCase().startsWith("application/soap+xml")) {
                send(exchange, 415, "", null);
                record(recorder, "UnsupportedMediaType", request, "", 415);
                return;
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            ShellService.Caller caller = new ShellService.Caller(who.user(), exchange.getRemoteAddress().getAddress().getHostAddress(),
                    machine(host));
            ShellService.Answer answer = who.outcome() == BasicAuth.Outcome.DENIED
                    ? service.fault("", null, WsmanFault.accessDenied(), caller)
                    : service.answer(request, caller);
            send(exchange, answer.status(), answer.body(), SOAP_CONTENT_TYPE);
            record(recorder, answer.action(), request, answer.body(), answer.status());
        } catch (RuntimeException e) {
            System.err.println("winrm-endpoint: request failed: " + e);
            throw e;
        }
    }

    /** The NTLMSSP token of "Negotiate" or "NTLM", or null (Basic, none, or not base64). */
    private static byte[] ntlmToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] p = authorization.strip().split("\\s+", 2);
        if (p.length != 2 || !(p[0].equalsIgnoreCase("Negotiate") || p[0].equalsIgnoreCase("NTLM"))) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(p[1].strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * What identifies the TLS connection a request came on, as NTLM binds a logon to it: the client's
     * address and port with the TLS session (a reused port on a new connection has a new session).
     */
    private static Object connection(HttpExchange exchange) {
        Object session = exchange instanceof HttpsExchange s ? s.getSSLSession() : null;
        return exchange.getRemoteAddress().toString() + "#" + System.identityHashCode(session);
    }

    private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void record(Recorder recorder, String action, byte[] request, String response, int status) {
        if (recorder != null) {
            recorder.record(action, new String(request, StandardCharsets.UTF_8), response, status);
        }
    }

    /** The host part of the Host header, as Windows names the machine in WSManFault@Machine. */
    private static String machine(String host) {
        if (host == null || host.isEmpty()) {
            return "localhost";
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 ? host.substring(0, colon) : host;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
