package org.hvdiag.winrm;

import java.util.ArrayList;
import java.util.List;

/**
 * A Command request's rsp:Command and rsp:Arguments, and whether the client asked to skip cmd.exe
 * (WINRS_SKIP_CMD_SHELL). WinRS joins them with spaces into one command line.
 */
record CommandLine(String command, List<String> arguments, boolean skipCmdShell) {

    String line() {
        StringBuilder b = new StringBuilder(command);
        for (String a : arguments) {
            b.append(' ').append(a);
        }
        return b.toString();
    }

    /** Splits as the C runtime splits a Windows command line: blanks separate, double quotes group. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if ((c == ' ' || c == '\t') && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
