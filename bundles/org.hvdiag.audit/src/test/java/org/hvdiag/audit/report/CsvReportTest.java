package org.hvdiag.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.audit.Finding;

class CsvReportTest {
    private final Written written = Written.by(new CsvReport(), SampleReport.sample());

    @Test
    void theReaderIsStrictEnoughToCatchBadOutput() {
        assertThrows(IllegalArgumentException.class, () -> Rfc4180Reader.read("a,b\nc,d\r\n"));
        assertThrows(IllegalArgumentException.class, () -> Rfc4180Reader.read("a,b\"c\r\n"));
        assertEquals(List.of(List.of("a,b", "x\"y\nz")), Rfc4180Reader.read("\"a,b\",\"x\"\"y\nz\"\r\n"));
    }

    @Test
    void headerNamesTheColumns() {
        List<List<String>> rows = Rfc4180Reader.read(written.text());
        assertEquals(List.of("severity", "ruleId", "target", "hostId", "vmId", "vmName", "message", "fixable", "evidence"),
                rows.get(0));
        assertTrue(written.text().startsWith("severity,ruleId,target,hostId,vmId,vmName,message,fixable,evidence\r\n"));
    }

    @Test
    void everyRowParsesBackToTheFindingsFields() {
        List<List<String>> rows = Rfc4180Reader.read(written.text());
        List<Finding> findings = SampleReport.findings();
        assertEquals(findings.size() + 1, rows.size());
        for (int i = 0; i < findings.size(); i++) {
            assertEquals(expected(findings.get(i)), rows.get(i + 1), "row " + (i + 1));
        }
    }

    @Test
    void nastyNamesSurviveQuoting() {
        List<List<String>> rows = Rfc4180Reader.read(written.text());
        assertEquals(SampleReport.NASTY_NAME, rows.get(1).get(5));
        assertEquals("virtualHW.version=7; controller=USB 3.x (xHCI)", rows.get(1).get(8));
        assertEquals("", rows.get(3).get(4), "host-level finding has an empty vmId");
        assertEquals(SampleReport.UNICODE_MESSAGE, rows.get(3).get(6));
    }

    @Test
    void aFormulaInAVmNameIsDefused() {
        List<List<String>> rows = Rfc4180Reader.read(written.text());
        assertEquals("'" + SampleReport.FORMULA_NAME, rows.get(4).get(5));
        assertEquals("'=1+1", CsvReport.guard("=1+1"));
        assertEquals("'+1", CsvReport.guard("+1"));
        assertEquals("'-1", CsvReport.guard("-1"));
        assertEquals("'@SUM(A1)", CsvReport.guard("@SUM(A1)"));
        assertEquals("'\tx", CsvReport.guard("\tx"));
        assertEquals("web=01", CsvReport.guard("web=01"));
        assertEquals("", CsvReport.guard(""));
    }

    @Test
    void anEmptyReportIsJustTheHeader() {
        assertEquals("severity,ruleId,target,hostId,vmId,vmName,message,fixable,evidence\r\n",
                Written.by(new CsvReport(), SampleReport.empty()).text());
    }

    private static List<String> expected(Finding f) {
        List<String> row = new ArrayList<>();
        row.add(f.severity().label());
        row.add(f.ruleId());
        row.add(f.target());
        row.add(f.hostId());
        row.add(f.vmId() == null ? "" : f.vmId());
        row.add(f.vmName() == null ? "" : CsvReport.guard(f.vmName()));
        row.add(f.message());
        row.add(String.valueOf(f.fixable()));
        row.add(CsvReport.evidence(f.evidence()));
        return row;
    }
}
