package org.hvdiag.ui.internal.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.AuditReport;
import org.hvdiag.audit.Finding;
import org.hvdiag.audit.Severity;

class FindingRowsTest {
    private static FindingLine f(String rule, Severity s, String vm, String message) {
        return new FindingLine(new Finding(rule, s, "t", "host", "/" + vm, vm, message, Map.of(), null), "host");
    }

    private final List<FindingLine> all = List.of(
            f("b-rule", Severity.INFO, "web-01", "old hardware"),
            f("a-rule", Severity.ERROR, "db-01", "filter grabs the keyboard"),
            f("b-rule", Severity.WARNING, "db-01", "old hardware"),
            f("a-rule", Severity.ERROR, "web-02", "filter grabs the keyboard"));

    private static List<String> vms(FindingRows rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Finding f = rows.finding(i);
            out.add(f == null ? "#" + rows.group(i).ruleId() + ":" + rows.group(i).count() : f.vmName());
        }
        return out;
    }

    @Test
    void sortsSeverityFirstByDefaultAndReversesOnRequest() {
        FindingRows rows = new FindingRows();
        rows.update(all, FindingFilter.ALL, FindingColumn.SEVERITY, true, false);
        assertEquals(List.of(Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.INFO),
                List.of(rows.finding(0).severity(), rows.finding(1).severity(), rows.finding(2).severity(), rows.finding(3).severity()));
        rows.update(all, FindingFilter.ALL, FindingColumn.VM, false, false);
        assertEquals(List.of("web-02", "web-01", "db-01", "db-01"), vms(rows));
    }

    @Test
    void filtersByTextSeverityAndRuleAndCountsWhatIsShown() {
        FindingRows rows = new FindingRows();
        rows.update(all, new FindingFilter("DB-", EnumSet.allOf(Severity.class), null), FindingColumn.RULE, true, false);
        assertEquals(List.of("db-01", "db-01"), vms(rows));
        rows.update(all, new FindingFilter("", EnumSet.of(Severity.ERROR), "a-rule"), FindingColumn.VM, true, false);
        assertEquals(List.of("db-01", "web-02"), vms(rows));
        assertEquals(2, rows.shown(Severity.ERROR));
        assertEquals(0, rows.shown(Severity.INFO));
        rows.update(all, new FindingFilter("", EnumSet.of(Severity.INFO), "a-rule"), FindingColumn.VM, true, false);
        assertEquals(0, rows.size());
    }

    @Test
    void groupsByRuleWithAHeaderCountingItsFindings() {
        FindingRows rows = new FindingRows();
        rows.update(all, FindingFilter.ALL, FindingColumn.VM, true, true);
        assertEquals(List.of("#a-rule:2", "db-01", "web-02", "#b-rule:2", "db-01", "web-01"), vms(rows));
        assertNull(rows.finding(0));
        assertEquals(4, rows.shown());
    }

    @Test
    void namesEachHostByItsTargetAndSortsAndFiltersByThatName() {
        // Two folders: each one's host has the id "local", and a different name.
        Finding inA = new Finding("r", Severity.INFO, "/a", "local", "/a/x", "x", "m", Map.of(), null);
        Finding inB = new Finding("r", Severity.INFO, "/b", "local", "/b/y", "y", "m", Map.of(), null);
        AuditReport report = new AuditReport(List.of("/a", "/b"), List.of(), List.of(inA, inB), List.of(), 2, 2,
                Map.of(AuditReport.hostKey("/a", "local"), "zeta-host", AuditReport.hostKey("/b", "local"), "alpha-host"));
        List<FindingLine> lines = FindingLine.of(report);
        assertEquals(List.of("zeta-host", "alpha-host"), lines.stream().map(FindingLine::host).toList());
        FindingRows rows = new FindingRows();
        rows.update(lines, FindingFilter.ALL, FindingColumn.HOST, true, false);
        assertEquals(List.of("y", "x"), vms(rows), "ascending by host name, not by id");
        assertEquals("alpha-host", FindingColumn.HOST.text(rows.line(0)));
        rows.update(lines, new FindingFilter("ZETA", EnumSet.allOf(Severity.class), null), FindingColumn.VM, true, false);
        assertEquals(List.of("x"), vms(rows));
        rows.update(lines, new FindingFilter("local", EnumSet.allOf(Severity.class), null), FindingColumn.VM, true, false);
        assertEquals(0, rows.size(), "the id the table does not show matches nothing");
    }

    @Test
    void sortsFiftyThousandFindings() {
        List<FindingLine> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(f("rule-" + (i % 21), Severity.values()[i % 3], String.format("vm-%05d", 49_999 - i), "m" + i));
        }
        FindingRows rows = new FindingRows();
        rows.update(many, FindingFilter.ALL, FindingColumn.VM, true, true);
        assertEquals(50_000 + 21, rows.size());
        assertEquals("rule-0", rows.group(0).ruleId());
    }
}
