package org.hvdiag.winrm;

import java.util.List;
import java.util.Locale;

/**
 * The few programs this loopback host has: cmd.exe's echo and exit, hostname.exe, a fixed
 * ipconfig.exe and powershell.exe (hvdiag's scripts only). As WinRS does, a command line runs
 * through cmd.exe unless the client set WINRS_SKIP_CMD_SHELL, and cmd.exe's limit of 8191
 * characters applies then; without cmd.exe, CreateProcess's 32767.
 */
final class WindowsCommands {
    static final int CMD_LINE_LIMIT = 8191;
    static final int CREATE_PROCESS_LIMIT = 32767;

    private final HostFacts host;
    private final PowerShellHost powershell;

    WindowsCommands(HostFacts host, PowerShellHost powershell) {
        this.host = host;
        this.powershell = powershell;
    }

    /** What CreateProcess refuses when WinRS starts the program without cmd.exe: the Command request fails. */
    void check(CommandLine cl) throws WsmanFault {
        String line = cl.line();
        if (line.length() > CREATE_PROCESS_LIMIT) {
            throw WsmanFault.processNotStarted(206, "The filename or extension is too long. ");
        }
        List<String> tokens = CommandLine.split(line);
        String name = tokens.isEmpty() ? "" : program(tokens.get(0));
        if (!List.of("hostname", "ipconfig", "powershell", "cmd").contains(name)) {
            // No cmd.exe to find echo or exit in: CreateProcess looks for NAME.exe and fails.
            throw WsmanFault.processNotStarted(2, "The system cannot find the file specified. ");
        }
    }

    CommandOutput run(CommandLine cl) throws WsmanFault {
        String line = cl.line();
        if (cl.skipCmdShell()) {
            check(cl);
            List<String> tokens = CommandLine.split(line);
            return program(tokens.get(0)).equals("cmd") ? cmd(line) : program(tokens);
        }
        if (line.length() > CMD_LINE_LIMIT) {
            return CommandOutput.of("", "The command line is too long.\n", 1);
        }
        return cmd(line);
    }

    /** cmd.exe /c LINE: its built-ins echo and exit, else the program the first word names. */
    private CommandOutput cmd(String line) {
        String trimmed = line.strip();
        if (hasOperator(trimmed)) {
            return CommandOutput.of("", "hvdiag's loopback host does not interpret cmd.exe's operators (& | < >): "
                    + "run one command at a time.\n", 1);
        }
        List<String> tokens = CommandLine.split(trimmed);
        if (tokens.isEmpty()) {
            return CommandOutput.of("", "", 0);
        }
        String name = program(tokens.get(0));
        switch (name) {
            case "echo" -> {
                String rest = trimmed.length() > 4 ? trimmed.substring(5) : "";
                return CommandOutput.of((rest.isBlank() ? "ECHO is on." : rest) + "\n", "", 0);
            }
            case "exit" -> {
                try {
                    return CommandOutput.of("", "", tokens.size() > 1 ? Integer.parseInt(tokens.get(1)) : 0);
                } catch (NumberFormatException e) {
                    return CommandOutput.of("", "", 0);
                }
            }
            case "cmd" -> {
                for (int i = 1; i < tokens.size(); i++) {
                    String t = tokens.get(i).toLowerCase(Locale.ROOT);
                    if (t.equals("/c") || t.equals("/k")) {
                        int at = indexOfToken(trimmed, tokens.get(i));
                        return cmd(trimmed.substring(at + tokens.get(i).length()));
                    }
                }
                return CommandOutput.of("", "hvdiag's loopback host runs cmd.exe only as cmd /c COMMAND.\n", 1);
            }
            default -> {
                if (List.of("hostname", "ipconfig", "powershell").contains(name)) {
                    return program(tokens);
                }
                return CommandOutput.of("", "'" + tokens.get(0) + "' is not recognized as an internal or external command,\n"
                        + "operable program or batch file.\n", 1);
            }
        }
    }

    private CommandOutput program(List<String> tokens) {
        switch (program(tokens.get(0))) {
            case "hostname" -> {
                return CommandOutput.of(host.computerName() + "\n", "", 0);
            }
            case "ipconfig" -> {
                return CommandOutput.of("""

                        Windows IP Configuration


                        Ethernet adapter Ethernet:

                           Connection-specific DNS Suffix  . :
                           IPv4 Address. . . . . . . . . . . : 127.0.0.1
                           Subnet Mask . . . . . . . . . . . : 255.0.0.0
                           Default Gateway . . . . . . . . . :
                        """, "", 0);
            }
            default -> {
                return powershell.run(tokens.subList(1, tokens.size()));
            }
        }
    }

    /** The program a first word names: without its folder and .exe, lower-case (Windows ignores case). */
    static String program(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        w = w.substring(Math.max(w.lastIndexOf('\\'), w.lastIndexOf('/')) + 1);
        return w.endsWith(".exe") ? w.substring(0, w.length() - 4) : w;
    }

    private static boolean hasOperator(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '&' || c == '|' || c == '<' || c == '>')) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfToken(String line, String token) {
        int at = line.indexOf(' ' + token);
        return at < 0 ? line.indexOf(token) : at + 1;
    }
}
