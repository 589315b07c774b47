package org.hvdiag.hyperv.internal;

/**
 * Quotes one argument so that a Windows program splitting its command line with the Microsoft C
 * runtime's rules (CommandLineToArgvW) gets it back unchanged. Windows passes a process one command
 * line, not an argument array: WinRS joins Command and Arguments with spaces, so without this an
 * argument holding a space or a quote would reach the program as several arguments or a different one.
 */
final class WindowsArgv {
    private WindowsArgv() {
    }

    static String quote(String arg) {
        if (arg == null) {
            throw new IllegalArgumentException("an argument is null");
        }
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '"')) {
            return arg;
        }
        StringBuilder b = new StringBuilder(arg.length() + 8).append('"');
        int backslashes = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                // Backslashes before a quote are escapes: double them, then escape the quote itself.
                b.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                b.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        // Backslashes before the closing quote would escape it: double them.
        b.append("\\".repeat(backslashes * 2)).append('"');
        return b.toString();
    }
}
