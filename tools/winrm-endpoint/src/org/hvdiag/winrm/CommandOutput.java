package org.hvdiag.winrm;

import java.nio.charset.StandardCharsets;

/** A finished command: its whole stdout and stderr and its exit code. */
record CommandOutput(byte[] stdout, byte[] stderr, int exitCode) {

    /** Console text as a Windows program writes it: CRLF line ends; OEM code page 437 is ASCII for all we print. */
    static CommandOutput of(String stdout, String stderr, int exitCode) {
        return new CommandOutput(crlf(stdout).getBytes(StandardCharsets.UTF_8), crlf(stderr).getBytes(StandardCharsets.UTF_8),
                exitCode);
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
