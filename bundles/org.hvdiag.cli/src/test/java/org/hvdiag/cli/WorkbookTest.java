package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * `hvdiag audit --format xlsx -o FILE`, the workbook opened by openpyxl (Debian's python3-openpyxl), a
 * reader that shares nothing with the writer, and compared cell by cell with the JSON report of the
 * same audit. A missing openpyxl fails the test naming the package: it never skips.
 */
class WorkbookTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String PACKAGE = "python3-openpyxl";

    @TempDir
    Path dir;

    @Test
    void theLabWorkbookHoldsTheJsonReportsFindingsAndTheFleet() throws Exception {
        Path xlsx = dir.resolve("reports/lab.xlsx");
        Instant started = Instant.now();
        Lab.Run run = Lab.hvdiag("audit", Lab.folder().toString(), "--format", "xlsx", "-o", xlsx.toString());
        Instant written = Instant.now();
        assertEquals(1, run.exitCode(), "the lab has errors: " + run.err());
        assertEquals("", run.out(), "the workbook goes to the file only");
        JsonNode report = new ObjectMapper().readTree(Lab.hvdiag("audit", Lab.folder().toString(), "--format", "json").out());
        JsonNode inventory = new ObjectMapper().readTree(Lab.hvdiag("inventory", Lab.folder().toString(), "--format", "json").out());
        JsonNode book = openpyxl(xlsx);

        assertEquals(List.of("Findings", "VMs", "USB", "Hosts"), names(book), "nothing unread in the lab: no 'Not read' sheet");
        for (JsonNode sheet : book.path("sheets")) {
            String name = sheet.path("name").asText();
            int rows = sheet.path("rows").size();
            int columns = sheet.path("rows").get(0).size();
            assertEquals("A2", sheet.path("frozen").asText(), name + ": the header row is frozen");
            assertEquals("A1:" + column(columns - 1) + rows, sheet.path("autoFilter").asText(), name + ": filters over every row");
            for (JsonNode header : sheet.path("rows").get(0)) {
                assertEquals("s", header.get(0).asText(), name + " header " + header);
            }
        }

        JsonNode findings = sheet(book, "Findings");
        List<String> header = header(findings);
        JsonNode expected = report.path("findings");
        assertTrue(expected.size() > 20, "the lab has findings: " + expected.size());
        assertEquals(expected.size() + 1, findings.path("rows").size(), "one row per finding");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode f = expected.get(i);
            JsonNode row = findings.path("rows").get(i + 1);
            for (String field : List.of("severity", "ruleId", "target", "hostId", "vmId", "vmName", "message")) {
                String want = f.path(field).isNull() ? null : f.path(field).asText();
                JsonNode cell = row.get(header.indexOf(field));
                if (want == null || want.isEmpty()) {
                    assertTrue(cell.get(1).isNull(), "finding " + i + " " + field + ": " + cell);
                } else {
                    assertEquals(List.of("s", want), List.of(cell.get(0).asText(), cell.get(1).asText()), "finding " + i + " " + field);
                }
            }
            JsonNode fixable = row.get(header.indexOf("fixable"));
            assertEquals("b", fixable.get(0).asText(), "finding " + i + " fixable is a boolean");
            assertEquals(f.path("fixable").asBoolean(), fixable.get(1).asBoolean(), "finding " + i + " fixable");
            assertEquals(evidence(f.path("evidence")), text(row.get(header.indexOf("evidence"))), "finding " + i + " evidence");
        }

        JsonNode target = inventory.path("targets").get(0);
        JsonNode vms = sheet(book, "VMs");
        List<String> vmHeader = header(vms);
        assertEquals(target.path("vms").size() + 1, vms.path("rows").size(), "one row per VM");
        for (int i = 0; i < target.path("vms").size(); i++) {
            JsonNode vm = target.path("vms").get(i);
            JsonNode row = vms.path("rows").get(i + 1);
            assertEquals(vm.path("name").asText(), text(row.get(vmHeader.indexOf("vmName"))));
            assertNumber(vm.path("vcpus"), row.get(vmHeader.indexOf("vcpus")), vm.path("name").asText() + " vcpus");
            assertNumber(vm.path("memoryMiB"), row.get(vmHeader.indexOf("memoryMiB")), vm.path("name").asText() + " memoryMiB");
            JsonNode hotAdd = row.get(vmHeader.indexOf("cpuHotAdd"));
            assertEquals(List.of("b", String.valueOf(vm.path("cpuHotAdd").asBoolean())),
                    List.of(hotAdd.get(0).asText(), hotAdd.get(1).asText()), vm.path("name").asText() + " cpuHotAdd");
        }
        JsonNode hosts = sheet(book, "Hosts");
        List<String> hostHeader = header(hosts);
        assertEquals("lab-workstation-01", text(hosts.path("rows").get(1).get(hostHeader.indexOf("name"))));
        JsonNode readAt = hosts.path("rows").get(1).get(hostHeader.indexOf("readAtUtc"));
        assertEquals("d", readAt.get(0).asText(), "when the target was read is a date: " + readAt);
        Instant read = LocalDateTime.parse(readAt.get(1).asText()).toInstant(ZoneOffset.UTC);
        assertTrue(!read.isBefore(started.minusSeconds(1)) && !read.isAfter(written.plusSeconds(1)),
                "read at " + read + " (UTC), while the audit ran from " + started + " to " + written);
        JsonNode usb = sheet(book, "USB");
        List<String> usbHeader = header(usb);
        List<String> kinds = new ArrayList<>();
        for (int i = 1; i < usb.path("rows").size(); i++) {
            kinds.add(text(usb.path("rows").get(i).get(usbHeader.indexOf("kind"))));
        }
        assertTrue(kinds.containsAll(List.of("controller", "device", "filter")), "controllers, devices and filters: " + kinds);
    }

    @Test
    void hostileVmNamesStayText() throws Exception {
        List<String> names = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)");
        for (int i = 0; i < names.size(); i++) {
            // An xHCI controller on vmx-07, which predates it: an error finding that carries the hostile name too.
            Files.writeString(dir.resolve("vm" + i + ".vmx"), String.join("\n", ".encoding = \"UTF-8\"",
                    "displayName = \"" + names.get(i).replace("|", "|7c").replace("\"", "|22") + "\"", "virtualHW.version = \"7\"",
                    "guestOS = \"windows9-64\"", "numvcpus = \"2\"", "memsize = \"4096\"", "usb_xhci.present = \"TRUE\"", ""));
        }
        Path xlsx = dir.resolve("hostile.xlsx");
        Lab.Run run = Lab.hvdiag("audit", dir.toString(), "--format", "xlsx", "-o", xlsx.toString(), "--fail-on", "info");
        assertTrue(run.exitCode() <= 1, run.err());
        JsonNode book = openpyxl(xlsx);
        for (String sheetName : List.of("Findings", "VMs", "USB")) {
            JsonNode sheet = sheet(book, sheetName);
            int col = header(sheet).indexOf("vmName");
            List<String> seen = new ArrayList<>();
            for (int r = 1; r < sheet.path("rows").size(); r++) {
                JsonNode cell = sheet.path("rows").get(r).get(col);
                assertEquals("s", cell.get(0).asText(), sheetName + " row " + r + " is " + cell + ", not text");
                seen.add(cell.get(1).asText());
            }
            if (!sheetName.equals("USB")) {
                assertTrue(seen.containsAll(names), sheetName + ": " + seen);
            }
        }
        for (JsonNode sheet : book.path("sheets")) {
            for (JsonNode row : sheet.path("rows")) {
                for (JsonNode cell : row) {
                    assertFalse(cell.get(0).asText().equals("f"), sheet.path("name").asText() + " has a formula: " + cell);
                }
            }
        }
    }

    @Test
    void aWorkbookIsNeverSentToTheTerminal() {
        Lab.Run run = Lab.hvdiag("audit", Lab.folder().toString(), "--format", "xlsx");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("--format xlsx writes a workbook (a zip file), not text: name the file with -o FILE"), run.err());
    }

    /** The workbook as openpyxl reads it (src/test/resources/xlsx-cells.py). */
    private JsonNode openpyxl(Path xlsx) throws Exception {
        Path script = Lab.repo().resolve("bundles/org.hvdiag.cli/src/test/resources/xlsx-cells.py");
        Path json = dir.resolve(xlsx.getFileName() + ".json");
        Process p = new ProcessBuilder(PYTHON, script.toString(), xlsx.toString()).redirectOutput(json.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(err.contains("No module named 'openpyxl'")
                    ? "the workbook test needs the Debian package " + PACKAGE
                            + " (listed in tools/debian-packages.txt; tools/install-packages installs it)"
                    : "openpyxl could not read " + xlsx + ": " + err);
        }
        return new ObjectMapper().readTree(json.toFile());
    }

    private static List<String> names(JsonNode book) {
        List<String> names = new ArrayList<>();
        book.path("sheets").forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    private static JsonNode sheet(JsonNode book, String name) {
        for (JsonNode s : book.path("sheets")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no sheet " + name + " in " + names(book));
    }

    private static List<String> header(JsonNode sheet) {
        List<String> header = new ArrayList<>();
        sheet.path("rows").get(0).forEach(c -> header.add(c.get(1).asText()));
        return header;
    }

    private static String text(JsonNode cell) {
        return cell.get(1).isNull() ? "" : cell.get(1).asText();
    }

    private static void assertNumber(JsonNode want, JsonNode cell, String what) {
        if (want.isNull() || want.isMissingNode()) {
            assertTrue(cell.get(1).isNull(), what + ": unknown is an empty cell, got " + cell);
        } else {
            assertEquals("n", cell.get(0).asText(), what + " is a number");
            assertEquals(want.asLong(), cell.get(1).asLong(), what);
        }
    }

    /** The evidence map as the CSV and the workbook write it: key=value pairs joined by "; ". */
    private static String evidence(JsonNode map) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue().asText());
        }
        return sb.toString();
    }

    private static String column(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : column(index / 26 - 1) + (char) ('A' + index % 26);
    }
}
