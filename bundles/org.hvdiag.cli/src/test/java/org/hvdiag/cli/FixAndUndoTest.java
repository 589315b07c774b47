package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Rule;
import org.hvdiag.core.model.HypervisorKind;

/** `hvdiag fix` and `hvdiag undo` on a copy of the lab. */
class FixAndUndoTest {
    /** Lab VMs that run (a lock folder exists): a fix must refuse them. */
    static final List<String> RUNNING = List.of("Server 2022 DC", "RHEL 9 Web", "Build Agent", "Web 01");

    static Stream<String> fixableVmxRules() {
        List<String> ids = new ArrayList<>();
        for (Rule r : BuiltInRules.all()) {
            if (r.info().fixable() && r.info().appliesTo().contains(HypervisorKind.VMWARE_WORKSTATION)) {
                ids.add(r.info().id());
            }
        }
        return ids.stream();
    }

    private static JsonNode audit(Path folder) throws IOException {
        return new ObjectMapper().readTree(Lab.hvdiag("audit", folder.toString(), "--format", "json").out());
    }

    private static List<String> findingsOf(JsonNode report, String ruleId) {
        List<String> vms = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("ruleId").asText().equals(ruleId)) {
                vms.add(f.path("vmName").asText());
            }
        });
        return vms;
    }

    @ParameterizedTest
    @MethodSource("fixableVmxRules")
    void fixingARuleMakesItsFindingsDisappearAndUndoRestoresEveryByte(String ruleId, @TempDir Path tmp) throws IOException {
        Path lab = Lab.copyTo(tmp.resolve("lab"));
        Map<String, byte[]> before = Lab.contents(lab);
        List<String> found = findingsOf(audit(lab), ruleId);
        assertTrue(!found.isEmpty(), ruleId + " fires in the lab");

        Path journal = tmp.resolve("journal.jsonl");
        Lab.Run fix = Lab.hvdiag("fix", lab.toString(), "--rule", ruleId, "--yes", "--journal", journal.toString());
        List<String> left = findingsOf(audit(lab), ruleId);
        for (String vm : left) {
            assertTrue(RUNNING.contains(vm), ruleId + " still fires on " + vm + " after the fix:\n" + fix.out() + fix.err());
            assertTrue(fix.out().contains("SKIPPED  " + vm + ": "), "the running VM " + vm + " is reported as skipped:\n" + fix.out());
        }
        assertEquals(left.isEmpty() ? 0 : 1, fix.exitCode(), fix.out() + fix.err());
        assertTrue(left.size() < found.size(), ruleId + " fixed on at least one VM: " + found + " -> " + left);

        Lab.Run undo = Lab.hvdiag("undo", journal.toString());
        assertEquals(0, undo.exitCode(), undo.out() + undo.err());
        Map<String, byte[]> after = Lab.contents(lab);
        assertEquals(before.keySet(), after.keySet());
        for (String file : before.keySet()) {
            assertArrayEquals(before.get(file), after.get(file), file + " restored byte for byte");
        }
    }

    @Test
    void dryRunPreviewsAndChangesNothing(@TempDir Path tmp) throws IOException {
        Path lab = Lab.copyTo(tmp.resolve("lab"));
        Map<String, byte[]> before = Lab.contents(lab);
        Lab.Run run = Lab.hvdiag("fix", lab.toString(), "--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("XP Lab Instrument"), run.out());
        assertTrue(run.out().contains("remove USB 3.x (xHCI) controller"), run.out());
        assertTrue(run.out().contains("Nothing was changed"), run.out());
        Map<String, byte[]> after = Lab.contents(lab);
        for (String file : before.keySet()) {
            assertArrayEquals(before.get(file), after.get(file), file);
        }
    }

    @Test
    void aRunningVmIsRefusedWithTheReason(@TempDir Path tmp) throws IOException {
        Path lab = Lab.copyTo(tmp.resolve("lab"));
        byte[] web = Files.readAllBytes(lab.resolve("web-01/web-01.vmx"));
        Lab.Run run = Lab.hvdiag("fix", lab.toString(), "--vm", "Web 01", "--yes", "--journal", tmp.resolve("j.jsonl").toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("SKIPPED  Web 01: ") && run.out().contains("running"), run.out());
        assertArrayEquals(web, Files.readAllBytes(lab.resolve("web-01/web-01.vmx")));
    }

    @Test
    void fixWithoutDryRunOrYesIsAUsageError(@TempDir Path tmp) {
        Lab.Run run = Lab.hvdiag("fix", Lab.folder().toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--dry-run") && run.err().contains("--yes"), run.err());
    }

    @Test
    void anUnknownOrUnfixableRuleIsRefused() {
        Lab.Run unknown = Lab.hvdiag("fix", Lab.folder().toString(), "--rule", "no-such-rule", "--dry-run");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no-such-rule"), unknown.err());
        Lab.Run manual = Lab.hvdiag("fix", Lab.folder().toString(), "--rule", "mem-exceeds-host", "--dry-run");
        assertEquals(2, manual.exitCode());
        assertTrue(manual.err().contains("no automatic fix"), manual.err());
    }
}
