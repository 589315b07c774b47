package org.hvdiag.winrm;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The command line of the endpoint. The password is never an option (a process list shows options):
 * it comes from HVDIAG_WINRM_PASSWORD, and the endpoint does not start without it, as a WinRM
 * listener never serves anonymous requests.
 */
record Options(Path fleet, int port, String user, String password, String deniedUser, String computerName, Path record,
        Path certOut, Duration commandDelay, int threads) {

    static final String USAGE = """
            usage: tools/winrm-endpoint/run --fleet FILE [--port N] [--user NAME] [--denied-user NAME]
                       [--computer-name NAME] [--record FILE] [--cert-out FILE] [--command-delay MS] [--threads N]
                   tools/winrm-endpoint/run generate --from FILE --count N --into FILE2
            A loopback WinRM (WS-Management) listener over HTTPS, path /wsman, playing the Hyper-V host in FILE.
            Prints "listening on https://127.0.0.1:PORT/" first, then "thumbprint AA:BB:.." (SHA-256).
            NTLM (NTLMv2 under "Negotiate") and Basic authentication: --user (default Administrator) with the
            password in HVDIAG_WINRM_PASSWORD; NTLM takes DOMAIN\\user, user@domain or user, any domain.
            --denied-user: an account that authenticates with the same password but may not use WinRM.
            --computer-name: what hostname prints and the inventory reports (default: the file's ComputerName).
            --cert-out: writes the certificate (PEM) for clients that verify it.
            --command-delay: how long each command takes before its output is ready (default 0).
            Defaults: port 5986 (0 = any free port), 16 threads.""";

    static Options parse(String[] args, String passwordFromEnv) {
        Path fleet = null;
        Path record = null;
        Path certOut = null;
        int port = 5986;
        String user = "Administrator";
        String denied = null;
        String computerName = null;
        long delay = 0;
        int threads = 16;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--fleet" -> fleet = Path.of(value(args, ++i, a));
                case "--port" -> port = number(value(args, ++i, a), a, 0, 65535);
                case "--user" -> user = value(args, ++i, a);
                case "--denied-user" -> denied = value(args, ++i, a);
                case "--computer-name" -> computerName = value(args, ++i, a);
                case "--record" -> record = Path.of(value(args, ++i, a));
                case "--cert-out" -> certOut = Path.of(value(args, ++i, a));
                case "--command-delay" -> delay = number(value(args, ++i, a), a, 0, 3_600_000);
                case "--threads" -> threads = number(value(args, ++i, a), a, 2, 256);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (fleet == null) {
            throw new IllegalArgumentException("--fleet FILE is required");
        }
        if (passwordFromEnv == null || passwordFromEnv.isEmpty()) {
            throw new IllegalArgumentException("set HVDIAG_WINRM_PASSWORD: a WinRM listener never serves without authentication");
        }
        return new Options(fleet, port, user, passwordFromEnv, denied, computerName, record, certOut, Duration.ofMillis(delay),
                threads);
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

    /** Options print without the password (records print all their fields). */
    @Override
    public String toString() {
        return "Options[fleet=" + fleet + ", port=" + port + ", user=" + user + "]";
    }
}
