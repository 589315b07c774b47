package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The Microsoft C runtime's command-line splitting (as documented for CommandLineToArgvW / "Parsing C
 * command-line arguments"), written independently of {@link WindowsArgv} to check it.
 */
final class MsvcrtArgs {
    private MsvcrtArgs() {
    }

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean any = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                int n = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    n++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    cur.append("\\".repeat(n / 2));
                    if (n % 2 == 1) {
                        cur.append('"');
                        i++;
                    }
                } else {
                    cur.append("\\".repeat(n));
                }
                any = true;
                continue;
            }
            if (c == '"') {
                inQuotes = !inQuotes;
                any = true;
                i++;
                continue;
            }
            if ((c == ' ' || c == '\t') && !inQuotes) {
                if (any) {
                    args.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
                i++;
                continue;
            }
            cur.append(c);
            any = true;
            i++;
        }
        if (any) {
            args.add(cur.toString());
        }
        return args;
    }
}
