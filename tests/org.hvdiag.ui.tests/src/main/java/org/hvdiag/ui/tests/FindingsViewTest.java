package org.hvdiag.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import org.hvdiag.audit.Finding;
import org.hvdiag.audit.RuleInfo;
import org.hvdiag.ui.DiagnosticsPerspective;
import org.hvdiag.ui.internal.AuditResults;

class FindingsViewTest {
    @TempDir
    Path temp;

    private Table table;
    private AuditResults.Snapshot audited;

    @BeforeEach
    void auditTheLab() throws Exception {
        Lab.onlyConnections(temp.resolve("secure_storage"), Lab.folder("lab", Lab.repoLab()));
        WorkbenchDriver.openPerspective();
        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        audited = Lab.audit();
        table = WorkbenchDriver.widget("findings.table", Table.class);
        WorkbenchDriver.resetFindingsFilters();
        WorkbenchDriver.pumpUntil("all findings shown", () -> table.getItemCount() == audited.report().findings().size(), 10_000);
    }

    private List<String> rows(int... columns) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int c : columns) {
                sb.append(table.getItem(i).getText(c)).append('|');
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    @Test
    void showsTheSameFindingsAsTheCommandLineJson() throws Exception {
        List<String> expected = new ArrayList<>();
        for (JsonNode f : Lab.cliFindings(Lab.repoLab())) {
            expected.add(f.path("severity").asText() + "|" + f.path("ruleId").asText() + "|"
                    + (f.path("vmName").isNull() ? "" : f.path("vmName").asText()) + "|" + f.path("message").asText() + "|"
                    + (f.path("fixable").asBoolean() ? "yes" : "no") + "|");
        }
        List<String> shown = rows(0, 1, 2, 4, 5);
        expected.sort(null);
        shown.sort(null);
        // 39 from configuration, as the README's audit prints them, and 5 from the lab's vmware.log files
        // (examples/lab/LOGS.md): two crashes after a USB connect, two VMs' abnormal stops, one flapping device.
        assertEquals(44, expected.size(), "the lab's findings, its logs' included");
        assertEquals(expected, shown);
        String counts = WorkbenchDriver.widget("findings.counts", Label.class).getText();
        assertTrue(counts.startsWith("6 errors   21 warnings   17 info"), counts);
        WorkbenchDriver.screenshot("findings-same-as-cli");
    }

    @Test
    void sortsByAnyColumnAndFiltersByTextSeverityAndRule() {
        TableColumn vmColumn = table.getColumn(2);
        vmColumn.notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(50);
        List<String> vms = rows(2).stream().map(r -> r.substring(0, r.length() - 1)).toList();
        List<String> sorted = new ArrayList<>(vms);
        sorted.sort(null);
        assertEquals(sorted, vms, "ascending by VM");
        assertEquals(vmColumn, table.getSortColumn());
        vmColumn.notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(50);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, rows(2).stream().map(r -> r.substring(0, r.length() - 1)).toList(), "a second click sorts descending");
        assertEquals(SWT.DOWN, table.getSortDirection());

        Text filter = WorkbenchDriver.widget("findings.filter", Text.class);
        filter.setText("kiosk");
        WorkbenchDriver.pump(50);
        assertFalse(rows(2).isEmpty());
        assertTrue(rows(2).stream().allMatch(r -> r.equals("Kiosk 01|")), rows(2).toString());

        filter.setText("");
        WorkbenchDriver.click(WorkbenchDriver.widget("findings.severity.error", Button.class));
        WorkbenchDriver.click(WorkbenchDriver.widget("findings.severity.info", Button.class));
        assertEquals(21, table.getItemCount());
        assertTrue(rows(0).stream().allMatch(r -> r.equals("warning|")));
        assertTrue(WorkbenchDriver.widget("findings.counts", Label.class).getText().startsWith("0 errors   21 warnings   0 info"));

        Combo rule = WorkbenchDriver.widget("findings.rule", Combo.class);
        rule.select(java.util.Arrays.asList(rule.getItems()).indexOf("power-hard-poweroff"));
        rule.notifyListeners(SWT.Selection, null);
        WorkbenchDriver.pump(50);
        assertEquals(List.of("power-hard-poweroff|", "power-hard-poweroff|"), rows(1));
        WorkbenchDriver.screenshot("findings-filtered");
    }

    @Test
    void groupsByRuleWithACountPerRule() {
        WorkbenchDriver.click(WorkbenchDriver.widget("findings.group", Button.class));
        long rules = audited.report().findings().stream().map(Finding::ruleId).distinct().count();
        assertEquals(audited.report().findings().size() + rules, table.getItemCount(), "one header row per rule");
        assertEquals("", table.getItem(0).getText(0));
        String firstRule = table.getItem(0).getText(1);
        long inFirst = audited.report().findings().stream().filter(f -> f.ruleId().equals(firstRule)).count();
        assertEquals(inFirst + " finding(s)", table.getItem(0).getText(2));
        for (int i = 1; i <= inFirst; i++) {
            assertEquals(firstRule, table.getItem(i).getText(1));
        }
        WorkbenchDriver.screenshot("findings-grouped");
    }

    @Test
    void detailsShowTheRationaleReferenceAndEvidenceOfTheSelectedFinding() {
        int row = -1;
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(1).equals("usb-filter-matches-any")) {
                row = i;
            }
        }
        assertTrue(row >= 0);
        WorkbenchDriver.showView(DiagnosticsPerspective.FINDINGS);
        WorkbenchDriver.select(table, row);
        Finding f = audited.report().findings().stream().filter(x -> x.ruleId().equals("usb-filter-matches-any")).findFirst().orElseThrow();
        RuleInfo rule = audited.report().rules().stream().filter(r -> r.id().equals(f.ruleId())).findFirst().orElseThrow();
        Label title = WorkbenchDriver.widget("details.title", Label.class);
        WorkbenchDriver.pumpUntil("details of the selected finding", () -> title.getText().startsWith(rule.title()), 5_000);
        assertTrue(title.getText().contains(f.vmName()));
        assertTrue(WorkbenchDriver.widget("details.rationale", Text.class).getText().contains(rule.rationale()));
        assertEquals("Reference: " + rule.reference(), WorkbenchDriver.widget("details.reference", Label.class).getText());
        Table evidence = WorkbenchDriver.widget("details.evidence", Table.class);
        assertEquals(f.evidence().size(), evidence.getItemCount());
        int i = 0;
        for (Map.Entry<String, String> e : f.evidence().entrySet()) {
            assertEquals(e.getKey(), evidence.getItem(i).getText(0));
            assertEquals(e.getValue(), evidence.getItem(i).getText(1));
            i++;
        }
        WorkbenchDriver.screenshot("details");
    }

    @Test
    void exportsTheShownFindingsWithTheCliWriters() throws Exception {
        WorkbenchDriver.click(WorkbenchDriver.widget("findings.severity.info", Button.class));
        List<Finding> shown = new ArrayList<>();
        for (Finding f : audited.report().findings()) {
            if (f.severity() != org.hvdiag.audit.Severity.INFO) {
                shown.add(f);
            }
        }
        for (String format : org.hvdiag.ui.internal.findings.FindingsExport.FORMATS) {
            Path file = temp.resolve("export." + format);
            org.hvdiag.ui.internal.findings.FindingsExport.write(audited.report(), shown, file);
            String text = Files.readString(file);
            assertTrue(text.contains("usb-filter-matches-any"), format);
            assertFalse(text.contains("\"severity\":\"info\"") || text.contains("\"severity\": \"info\""), format);
        }
        assertEquals(27, table.getItemCount(), "errors and warnings shown: what Export writes");
        WorkbenchDriver.screenshot("findings-exported");
    }
}
