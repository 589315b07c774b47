package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;

class HtmlReportTest {
    private static final Pattern BAR = Pattern.compile("<g class=\"bar\" data-rule=\"([^\"]*)\"[^>]*>(.*?)</g>");
    private static final Pattern ATTRIBUTE_REF = Pattern.compile("\\b(src|href|action|srcset|xlink:href)\\s*=\\s*[\"']?([^\"'\\s>]*)",
            Pattern.CASE_INSENSITIVE);

    private final String html = Written.by(new HtmlReport(SampleReport.clock()), SampleReport.sample()).text();

    @Test
    void referencesNothingOutsideTheFile() {
        String lower = html.toLowerCase(Locale.ROOT);
        Matcher m = ATTRIBUTE_REF.matcher(html);
        while (m.find()) {
            assertTrue(m.group(2).startsWith("#"), "reference outside the file: " + m.group());
        }
        assertFalse(lower.contains("src="), "nothing is embedded by reference");
        assertFalse(lower.contains("<link"), "stylesheet link");
        assertFalse(lower.contains("<script"), "script element");
        assertFalse(lower.contains("@import") || lower.contains("url("), "CSS that loads something");
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }

    @Test
    void escapesMarkupFromVmNames() {
        assertFalse(html.contains(SampleReport.SCRIPT_NAME));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("web, &quot;prod&quot;\nnode"));
        assertTrue(html.contains("Überprüfung: 日本語 ✓"));
    }

    @Test
    void chartHasOneBarPerRuleWithItsCount() {
        Matcher m = BAR.matcher(html);
        List<String> rules = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        while (m.find()) {
            rules.add(m.group(1));
            bodies.add(m.group(2));
        }
        assertEquals(List.of("cpu-hot-add-disables-vnuma", "host-extension-pack-mismatch", "usb-xhci-hardware-too-old"),
                rules, "most frequent first, rules without findings left out");
        assertTrue(bodies.get(0).contains("fill=\"#f2a900\""), "warning bars are amber");
        assertTrue(bodies.get(0).matches(".*<text class=\"count\"[^>]*>2</text>"), bodies.get(0));
        assertTrue(bodies.get(1).contains("fill=\"#1565c0\""), "info bars are blue");
        assertTrue(bodies.get(2).contains("fill=\"#c62828\""), "error bars are red");
        assertTrue(bodies.get(2).matches(".*<text class=\"count\"[^>]*>1</text>"), bodies.get(2));
        assertTrue(html.indexOf("<svg") < html.indexOf("</svg>"));
    }

    @Test
    void aBarIsStackedBySeverityWorstFirst() {
        List<Finding> findings = List.of(
                new Finding("r", Severity.INFO, "t", "h", "a", "a", "m", Map.of(), null),
                new Finding("r", Severity.ERROR, "t", "h", "b", "b", "m", Map.of(), null),
                new Finding("r", Severity.ERROR, "t", "h", "c", "c", "m", Map.of(), null));
        String page = Written.by(new HtmlReport(SampleReport.clock()),
                new AuditReport(List.of("t"), List.of(), findings, List.of(), 3, 1)).text();
        Matcher m = BAR.matcher(page);
        assertTrue(m.find());
        String bar = m.group(2);
        assertTrue(bar.indexOf("fill=\"#c62828\"><title>r: 2 error</title>") < bar.indexOf("fill=\"#1565c0\"><title>r: 1 info</title>"),
                bar);
        assertTrue(bar.matches(".*<text class=\"count\"[^>]*>3</text>"), bar);
        assertFalse(m.find(), "one bar per rule");
    }

    @Test
    void tableListsEveryFindingWorstFirst() {
        String table = section("<table class=\"findings\">");
        List<String> severities = new ArrayList<>();
        Matcher m = Pattern.compile("<tr><td class=\"sev (\\w+)\">").matcher(table);
        while (m.find()) {
            severities.add(m.group(1));
        }
        assertEquals(List.of("error", "warning", "warning", "info"), severities);
        for (String header : List.of("Severity", "Rule", "VM", "Host", "Message", "Fixable", "Evidence")) {
            assertTrue(table.contains("<th>" + header + "</th>"), header);
        }
        assertTrue(table.contains("virtualHW.version = 7\ncontroller = USB 3.x (xHCI)"));
        assertTrue(table.contains("<td class=\"muted\">(host)</td>"));
        assertTrue(table.contains("title=\"remove USB 3.x (xHCI) controller usb_xhci\nadd USB 2.0 (EHCI) controller\">yes</td>"));
    }

    @Test
    void summaryShowsCountsBySeverityInTheirColours() {
        assertTrue(html.contains("<li class=\"error\"><span class=\"n\">1</span>error</li>"));
        assertTrue(html.contains("<li class=\"warning\"><span class=\"n\">2</span>warning</li>"));
        assertTrue(html.contains("<li class=\"info\"><span class=\"n\">1</span>info</li>"));
        assertTrue(html.contains("<span class=\"n\">1</span>fixable"));
        for (String colour : Set.of("#c62828", "#f2a900", "#1565c0")) {
            assertTrue(html.contains("background:" + colour), colour);
        }
    }

    @Test
    void listsUnreadableObjectsAndTheRuleCatalog() {
        String errors = section("<table class=\"errors\">");
        assertTrue(errors.contains("<td class=\"wrap\">/vms/broken/broken.vmx</td><td>line 12</td>"));
        assertTrue(errors.contains("expected key = &quot;value&quot;, found &#39;usb.present TRUE&#39;"));
        String catalog = section("<table class=\"rules\">");
        for (var rule : List.of(SampleReport.XHCI, SampleReport.HOT_ADD, SampleReport.EXT_PACK, SampleReport.QUIET)) {
            assertTrue(catalog.contains("<tr id=\"rule-" + rule.id() + "\">"), rule.id());
            assertTrue(catalog.contains(HtmlText.of(rule.rationale())), rule.id());
            assertTrue(catalog.contains(HtmlText.of(rule.reference())), rule.id());
        }
    }

    @Test
    void anEmptyReportSaysSo() {
        String empty = Written.by(new HtmlReport(SampleReport.clock()), SampleReport.empty()).text();
        assertFalse(empty.contains("<svg"));
        assertTrue(empty.contains("<h2 id=\"findings\">Findings (0)</h2>\n<p>No findings.</p>"));
        assertTrue(empty.contains("Every object was read."));
        assertTrue(empty.endsWith("</html>\n"));
    }

    private String section(String start) {
        int from = html.indexOf(start);
        assertTrue(from >= 0, start);
        return html.substring(from, html.indexOf("</table>", from));
    }
}
