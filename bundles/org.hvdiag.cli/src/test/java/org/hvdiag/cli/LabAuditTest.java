package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.audit.Rule;
import org.hvdiag.core.model.HypervisorKind;

/** `hvdiag audit --evidence --since 2026-11-01 examples/lab`, as the README's first command runs it. */
class LabAuditTest {
    /** The lab VMs that are configured right: they may get info findings, never a warning or error. */
    static final Set<String> CLEAN = Set.of("Win10 Office", "Win11 Workstation", "Ubuntu 22.04 Dev", "Debian 12 Build",
            "Server 2022 DC", "RHEL 9 Web", "Build Agent", "Fedora Workstation");

    static JsonNode report;
    static Lab.Run run;

    @BeforeAll
    static void auditTheLab() throws IOException {
        run = Lab.hvdiag("audit", "--evidence", "--since", "2026-11-01", Lab.folder().toString(), "--format", "json");
        report = new ObjectMapper().readTree(run.out());
    }

    @Test
    void exitsWithOneBecauseTheLabHasErrors() {
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().isEmpty(), "nothing unreadable in the lab: " + run.err());
    }

    @Test
    void jsonValidatesAgainstTheSchema() throws IOException {
        assertEquals(Set.of(), Lab.schemaProblems("hvdiag-audit.schema.json", report));
    }

    @Test
    void auditsEveryVmInTheLab() throws IOException {
        long vmxFiles;
        try (var files = Files.walk(Lab.folder())) {
            vmxFiles = files.filter(p -> p.toString().endsWith(".vmx")).count();
        }
        assertTrue(vmxFiles >= 20, "at least 20 lab VMs, found " + vmxFiles);
        assertEquals(vmxFiles, report.path("summary").path("vms").asLong());
    }

    @Test
    void everyRuleThatAppliesToVmxFilesFiresAtLeastOnce() {
        Set<String> fired = new TreeSet<>();
        report.path("findings").forEach(f -> fired.add(f.path("ruleId").asText()));
        List<String> silent = new ArrayList<>();
        for (Rule r : BuiltInRules.all()) {
            if (r.info().appliesTo().contains(HypervisorKind.VMWARE_WORKSTATION) && !fired.contains(r.info().id())) {
                silent.add(r.info().id());
            }
        }
        assertEquals(List.of(), silent, "rules that never fire in the lab (fired: " + fired + ")");
    }

    @Test
    void cleanVmsGetNoWarningOrError() {
        Set<String> seen = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        report.path("findings").forEach(f -> {
            String vm = f.path("vmName").asText();
            if (CLEAN.contains(vm)) {
                seen.add(vm);
                if (!f.path("severity").asText().equals("info")) {
                    wrong.add(vm + ": " + f.path("ruleId").asText() + " " + f.path("message").asText());
                }
            }
        });
        assertEquals(List.of(), wrong);
        Set<String> names = new TreeSet<>();
        report.path("findings").forEach(f -> names.add(f.path("vmName").asText()));
        assertTrue(report.path("summary").path("vms").asInt() > names.size() - 1, "some VMs have no finding at all");
    }

    @Test
    void theTextReportNamesHostsAsTheAdminKnowsThem() {
        Lab.Run text = Lab.hvdiag("audit", Lab.folder().toString());
        assertTrue(text.out().contains("VM Win7 CAD (" + Lab.folder().resolve("win7-cad").resolve("win7-cad.vmx") + ") on lab-workstation-01\n"),
                "a VM heading names its host by the name in hvdiag-host.properties:\n" + text.out());
        assertTrue(text.out().contains("\nHost lab-workstation-01\n"), "the host finding's heading:\n" + text.out());
    }

    @Test
    void everyFindingNamesItsVmAndEvidence() {
        report.path("findings").forEach(f -> {
            assertTrue(f.path("message").asText().length() > 10, "a message: " + f);
            if (!f.path("vmId").isNull()) {
                assertTrue(Files.isRegularFile(Path.of(f.path("vmId").asText())), "vmId is the .vmx path: " + f.path("vmId"));
            }
            assertTrue(f.path("evidence").size() > 0, "evidence for " + f.path("ruleId") + " on " + f.path("vmName"));
        });
    }
}
