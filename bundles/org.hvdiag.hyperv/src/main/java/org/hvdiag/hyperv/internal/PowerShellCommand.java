package org.hvdiag.hyperv.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One PowerShell script as a WinRS command: {@code powershell.exe -NoProfile -NonInteractive
 * -EncodedCommand <base64 of the UTF-16LE script>}, what pywinrm's run_ps sends. The script travels
 * as one base64 argument, so no quoting of the script text is ever needed.
 *
 * @param purpose what the script does, for messages ("inventory", "change")
 */
record PowerShellCommand(String purpose, String script) {
    static final String PROGRAM = "powershell.exe";

    /** CreateProcess takes command lines of at most 32,767 characters. */
    static final int MAX_COMMAND_LINE = 32_767;

    List<String> arguments() {
        return List.of("-NoProfile", "-NonInteractive", "-EncodedCommand", encoded());
    }

    String encoded() {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /** The command line Windows hands powershell.exe, for the length check. */
    int commandLineLength() {
        int n = PROGRAM.length();
        for (String a : arguments()) {
            n += 1 + WindowsArgv.quote(a).length();
        }
        return n;
    }

    /** The script back from an -EncodedCommand argument: what a host runs, for tests and the endpoint. */
    static String decode(String encodedCommand) {
        return new String(Base64.getDecoder().decode(encodedCommand), StandardCharsets.UTF_16LE);
    }
}
