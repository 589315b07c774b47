package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message of a failed script from its stderr. powershell.exe writes errors as text ("message",
 * then "+ CategoryInfo ..." lines), or, with -EncodedCommand and redirected output, as CLIXML
 * ("#&lt; CLIXML" then &lt;S S="Error"&gt; strings with _x000D__x000A_ for line breaks); both are read.
 */
final class PowerShellErrors {
    private static final Pattern ERROR_STRING = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL);
    private static final Pattern POSITION = Pattern.compile("At (line:\\d+|.*:\\d+) char:\\d+.*");
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private PowerShellErrors() {
    }

    /** The first line that says what went wrong; "" when stderr has none. */
    static String firstLine(String stderr) {
        for (String line : lines(stderr)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("+ ") && !POSITION.matcher(l).matches()) {
                return l;
            }
        }
        return "";
    }

    private static List<String> lines(String stderr) {
        String s = stderr == null ? "" : stderr;
        if (!s.startsWith("#< CLIXML")) {
            return List.of(s.split("\\R"));
        }
        StringBuilder text = new StringBuilder();
        Matcher m = ERROR_STRING.matcher(s);
        while (m.find()) {
            text.append(unescape(xml(m.group(1))));
        }
        return new ArrayList<>(List.of(text.toString().split("\\R")));
    }

    private static String xml(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(b);
        return b.toString();
    }
}
