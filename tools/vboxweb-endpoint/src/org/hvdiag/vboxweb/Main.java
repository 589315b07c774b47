package org.hvdiag.vboxweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The loopback vboxweb endpoint: HTTP/1.1 with keep-alive on 127.0.0.1, a pool of threads, one POST
 * per SOAP call. Stops cleanly on SIGTERM and SIGINT.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Headers and body leave in two writes: without TCP_NODELAY each answer waits for the
        // client's delayed ACK (about 40 ms) before its body goes out.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            if (args.length > 0 && args[0].equals("generate")) {
                System.exit(FleetGenerator.run(args));
            }
            serve(Options.parse(args, System.getenv("HVDIAG_VBOXWEB_PASSWORD")));
        } catch (IllegalArgumentException e) {
            System.err.println("vboxweb-endpoint: " + e.getMessage() + "\n" + Options.USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("vboxweb-endpoint: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void serve(Options o) throws Exception {
        Fleet fleet = Fleet.load(o.fleet(), o.running(), System.err);
        Endpoint endpoint = new Endpoint(o, fleet);
        Recorder recorder = o.record() == null ? null : new Recorder(o.record(), o.version().api());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), o.port());
        TlsKey key = o.tls() ? TlsKey.create() : null;
        HttpServer server;
        if (key != null) {
            HttpsServer https = HttpsServer.create(address, 128);
            https.setHttpsConfigurator(new HttpsConfigurator(key.context()));
            server = https;
        } else {
            server = HttpServer.create(address, 128);
        }
        ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> {
            Thread t = new Thread(r, "vboxweb-request");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        KeepAlive keepAlive = new KeepAlive(o.keepAlive());
        server.createContext("/", exchange -> handle(exchange, endpoint, recorder, keepAlive));
        server.start();

        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vboxweb-watchdog");
            t.setDaemon(true);
            return t;
        });
        // vboxwebsrv's watchdog looks every 5 seconds (its --check-interval default).
        watchdog.scheduleWithFixedDelay(() -> endpoint.expireIdle(System.nanoTime()), 5, 5, TimeUnit.SECONDS);

        java.util.function.Consumer<String> stop = signal -> {
            System.err.println("vboxweb-endpoint: stopping on SIG" + signal);
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

        int port = server.getAddress().getPort();
        System.out.println("listening on " + (key != null ? "https" : "http") + "://127.0.0.1:" + port + "/");
        if (key != null) {
            System.out.println("thumbprint " + key.thumbprint());
        }
        System.out.flush();
        System.err.println("vboxweb-endpoint: VirtualBox " + o.version().version() + " (API " + o.version().api() + "), "
                + fleet.machines.size() + " machines from " + o.fleet()
                + (o.password() == null ? ", any user and password log on" : ", password from HVDIAG_VBOXWEB_PASSWORD"));
        Thread.currentThread().join();
    }

    private static void handle(HttpExchange exchange, Endpoint endpoint, Recorder recorder, KeepAlive keepAlive)
            throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            Endpoint.Answer answer;
            if (!exchange.getRequestMethod().equals("POST")) {
                // gSOAP without a GET handler: SOAP_GET_METHOD, 405.
                answer = new Endpoint.Answer("", SoapReply.fault(new SoapFault(SoapFault.Kind.BAD_REQUEST, "",
                        "HTTP GET method not implemented")), 405);
            } else {
                answer = endpoint.answer(request);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            if (keepAlive.lastOn(exchange.getRemoteAddress())) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            if (recorder != null) {
                recorder.record(answer.operation(), Endpoint.text(request), answer.body(), answer.status());
            }
        } catch (RuntimeException e) {
            System.err.println("vboxweb-endpoint: request failed: " + e);
            throw e;
        }
    }
}
