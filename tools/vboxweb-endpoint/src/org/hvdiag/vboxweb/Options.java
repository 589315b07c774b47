package org.hvdiag.vboxweb;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The command line of the endpoint. The password is never an option: HVDIAG_VBOXWEB_PASSWORD, and
 * when it is not set any user and password log on, as vboxwebsrv does with authentication "null".
 */
record Options(Path fleet, int port, ApiVersion version, String user, String password, Path record, boolean tls,
        Set<String> running, int timeoutSeconds, int threads, int hostCpus, int hostCores, long hostMemoryMiB,
        int keepAlive) {

    static final String USAGE = """
            usage: tools/vboxweb-endpoint/run --fleet DIR [--port N] [--version 6.1.x|7.0.x|7.1.x] [--user NAME]
                       [--record FILE] [--tls] [--running NAME,...] [--timeout SECONDS] [--threads N] [--keepalive N]
                       [--host-cpus N] [--host-cores N] [--host-memory MIB]
                   tools/vboxweb-endpoint/run generate --from DIR --count N --into DIR
            A loopback endpoint speaking vboxwebsrv's SOAP protocol over the .vbox files in DIR (any depth).
            Prints "listening on http://127.0.0.1:PORT/" first (https with --tls, then "thumbprint AA:BB:..").
            Password: environment HVDIAG_VBOXWEB_PASSWORD; unset = any user and password log on.
            Defaults: port 18083 (0 = any free port), version 7.0.14, timeout 300 s idle, 8 threads,
            100 requests per connection (vboxwebsrv's --keepalive default),
            host 8 logical CPUs, 4 cores, 32768 MiB.""";

    boolean accepts(String givenUser, String givenPassword) {
        if (password == null) {
            return true;
        }
        return (user == null || user.equals(givenUser)) && password.equals(givenPassword);
    }

    static Options parse(String[] args, String passwordFromEnv) {
        Path fleet = null;
        Path record = null;
        int port = 18083;
        String version = "7.0.14";
        String user = null;
        boolean tls = false;
        Set<String> running = new LinkedHashSet<>();
        int timeout = 300;
        int threads = 8;
        int keepAlive = 100;
        int hostCpus = 8;
        int hostCores = 4;
        long hostMemory = 32768;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--fleet" -> fleet = Path.of(value(args, ++i, a));
                case "--port" -> port = number(value(args, ++i, a), a, 0, 65535);
                case "--version" -> version = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--record" -> record = Path.of(value(args, ++i, a));
                case "--tls" -> tls = true;
                case "--running" -> running.addAll(Arrays.stream(value(args, ++i, a).split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList());
                case "--timeout" -> timeout = number(value(args, ++i, a), a, 1, Integer.MAX_VALUE);
                case "--threads" -> threads = number(value(args, ++i, a), a, 1, 256);
                case "--keepalive" -> keepAlive = number(value(args, ++i, a), a, 1, Integer.MAX_VALUE);
                case "--host-cpus" -> hostCpus = number(value(args, ++i, a), a, 1, 4096);
                case "--host-cores" -> hostCores = number(value(args, ++i, a), a, 1, 4096);
                case "--host-memory" -> hostMemory = number(value(args, ++i, a), a, 1, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (fleet == null) {
            throw new IllegalArgumentException("--fleet DIR is required");
        }
        String pw = passwordFromEnv == null || passwordFromEnv.isEmpty() ? null : passwordFromEnv;
        return new Options(fleet, port, ApiVersion.parse(version), user, pw, record, tls, Set.copyOf(running), timeout,
                threads, hostCpus, hostCores, hostMemory, keepAlive);
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static int number(String s, String option, int min, int max) {
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max + ", not " + s);
        }
    }
}
