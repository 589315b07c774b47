package org.hvdiag.audit.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import org.hvdiag.audit.Severity;

/**
 * An inline SVG bar chart of findings per rule, each bar stacked by severity. Inline and without
 * script, so the report stays one file that opens anywhere; each segment carries a title for a
 * tooltip with its exact count.
 */
final class BarChart {
    private static final int ROW = 24;
    private static final int BAR_HEIGHT = 16;
    private static final int BAR_AREA = 420;
    private static final double CHAR_WIDTH = 7.4;
    private static final Severity[] WORST_FIRST = {Severity.ERROR, Severity.WARNING, Severity.INFO};

    private BarChart() {
    }

    static void write(Writer w, List<RuleTally> tallies) throws IOException {
        if (tallies.isEmpty()) {
            w.write("<p>No findings.</p>\n");
            return;
        }
        int longest = 0;
        int max = 1;
        for (RuleTally t : tallies) {
            longest = Math.max(longest, t.ruleId().length());
            max = Math.max(max, t.total());
        }
        int labelWidth = (int) Math.ceil(Math.min(longest, 60) * CHAR_WIDTH) + 12;
        int width = labelWidth + BAR_AREA + 70;
        int height = tallies.size() * ROW + 34;
        w.write("<svg class=\"chart\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " "
                + height + "\" role=\"img\" aria-labelledby=\"chart-title\">\n");
        w.write("<title id=\"chart-title\">Findings by rule and severity</title>\n");
        int y = 0;
        for (RuleTally t : tallies) {
            bar(w, t, y, labelWidth, max);
            y += ROW;
        }
        legend(w, labelWidth, y + 14);
        w.write("</svg>\n");
    }

    private static void bar(Writer w, RuleTally t, int y, int labelWidth, int max) throws IOException {
        String id = HtmlText.of(t.ruleId());
        w.write("<g class=\"bar\" data-rule=\"" + id + "\" transform=\"translate(0," + y + ")\">");
        w.write("<text x=\"" + (labelWidth - 8) + "\" y=\"16\" text-anchor=\"end\">" + id + "</text>");
        double x = labelWidth;
        for (Severity s : WORST_FIRST) {
            int n = t.count(s);
            if (n == 0) {
                continue;
            }
            // At least one pixel, so a single finding next to thousands is still visible.
            double len = Math.max(1.0, (double) n * BAR_AREA / max);
            w.write("<rect x=\"" + num(x) + "\" y=\"4\" width=\"" + num(len) + "\" height=\"" + BAR_HEIGHT
                    + "\" fill=\"" + SeverityColours.of(s) + "\"><title>" + id + ": " + n + " " + s.label()
                    + "</title></rect>");
            x += len;
        }
        w.write("<text class=\"count\" x=\"" + num(x + 6) + "\" y=\"16\">" + t.total() + "</text></g>\n");
    }

    private static void legend(Writer w, int x, int y) throws IOException {
        w.write("<g class=\"legend\">");
        for (Severity s : WORST_FIRST) {
            w.write("<rect x=\"" + x + "\" y=\"" + (y - 10) + "\" width=\"12\" height=\"12\" fill=\""
                    + SeverityColours.of(s) + "\"></rect><text x=\"" + (x + 16) + "\" y=\"" + y + "\">" + s.label()
                    + "</text>");
            x += 90;
        }
        w.write("</g>\n");
    }

    /** Locale.ROOT: a German locale would write "12,5" and break the SVG. */
    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
