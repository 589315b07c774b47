package org.hvdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * `hvdiag audit A B C...` with folders and vSphere servers in one run: each target read at once with
 * the others, the report in the order they were named, and a target that cannot be read (nothing
 * listening, certificate refused, login refused) reported by name while the others are audited.
 */
class ManyTargetsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int SIMULATED_VMS = 24;

    @TempDir
    static Path tmp;

    static SimulatedVcenter vcenter;
    static String lab;
    static String office;
    static String dead;

    @BeforeAll
    static void start() throws Exception {
        vcenter = SimulatedVcenter.start(SIMULATED_VMS);
        lab = Lab.folder().toString();
        // A second folder: two of the lab's VMs and their host, so its findings differ from the lab's.
        Path o = Files.createDirectories(tmp.resolve("office"));
        Files.copy(Lab.folder().resolve("hvdiag-host.properties"), o.resolve("hvdiag-host.properties"));
        for (String vm : List.of("win7-cad", "rhel8-app")) {
            Files.createDirectories(o.resolve(vm));
            Files.copy(Lab.folder().resolve(vm).resolve(vm + ".vmx"), o.resolve(vm).resolve(vm + ".vmx"));
        }
        office = o.toString();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = "vsphere://hvdiag@127.0.0.1:" + s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (vcenter != null) {
            vcenter.close();
        }
    }

    @Test
    void anUnreachableServerIsReportedAndBothFoldersAreAudited() throws IOException {
        Lab.Run run = Lab.hvdiag("audit", lab, dead, office, "--format", "json");
        assertEquals(2, run.exitCode(), "a target not read makes the run exit 2: " + run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(Set.of(), Lab.schemaProblems("hvdiag-audit.schema.json", report), "a failed target keeps the report valid");
        assertEquals(List.of(lab, dead, office), texts(report.path("targets")), "targets in the order named");
        assertEquals(findingsAlone(lab), findingsOf(report, lab), "the lab's findings, as when audited alone");
        assertEquals(findingsAlone(office), findingsOf(report, office), "the office folder's findings, as when audited alone");
        assertInNamedOrder(report, List.of(lab, dead, office));
        assertEquals(vmsAlone(lab) + vmsAlone(office), report.path("summary").path("vms").asInt());
        JsonNode error = onlyErrorOf(report, dead);
        assertTrue(error.path("message").asText().contains("connection refused"), error.toString());
        assertTrue(run.err().contains("could not read " + dead + ": ") && run.err().contains("connection refused"),
                "stderr names the target and why: " + run.err());
    }

    @Test
    void aRefusedCertificateIsReportedWithItsThumbprintAndTheFolderAudited() throws IOException {
        String server = vcenter.target(SimulatedVcenter.USER);
        Lab.Run run = Lab.hvdiag("audit", server, office, "--format", "json");
        assertEquals(2, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(List.of(server, office), texts(report.path("targets")));
        assertEquals(findingsAlone(office), findingsOf(report, office));
        JsonNode error = onlyErrorOf(report, server);
        assertTrue(error.path("message").asText().contains("not trusted")
                && error.path("message").asText().contains(vcenter.thumbprint), error.toString());
        assertTrue(run.err().contains(server) && run.err().contains(vcenter.thumbprint), run.err());
    }

    @Test
    void aServerWithAWrongLoginIsReportedBesideTheSameServerThatLogsIn() throws IOException {
        String good = vcenter.target(SimulatedVcenter.USER);
        String refused = vcenter.target("intruder");
        // The server first: it takes longest, so the folders finish before it and must still come after it.
        Lab.Run run = Lab.hvdiag("audit", good, lab, refused, office, "--thumbprint", vcenter.thumbprint, "--format", "json");
        assertEquals(2, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(List.of(good, lab, refused, office), texts(report.path("targets")));
        assertInNamedOrder(report, List.of(good, lab, refused, office));
        assertEquals(SIMULATED_VMS + vmsAlone(lab) + vmsAlone(office), report.path("summary").path("vms").asInt());
        assertFalse(findingsOf(report, good).isEmpty(), "the simulated VMs have findings (no USB controller, no tools)");
        assertEquals(findingsAlone(lab), findingsOf(report, lab));
        JsonNode error = onlyErrorOf(report, refused);
        assertTrue(error.path("message").asText().contains("wrong user name or password"), error.toString());
        assertTrue(run.err().contains("could not read " + refused + ": "), run.err());
        assertFalse((run.out() + run.err()).contains(SimulatedVcenter.password()), "the password is never printed");
    }

    @Test
    void theReportIsTheSameReadAtOnceOrOneAfterAnother() throws IOException {
        String good = vcenter.target(SimulatedVcenter.USER);
        String[] args = {"audit", good, office, dead, lab, "--thumbprint", vcenter.thumbprint, "--format", "json"};
        List<String> reports = new ArrayList<>();
        for (String parallel : List.of("1", "4", "4", "2")) {
            List<String> withParallel = new ArrayList<>(List.of(args));
            withParallel.addAll(List.of("--parallel", parallel));
            Lab.Run run = Lab.hvdiag(withParallel.toArray(new String[0]));
            assertEquals(2, run.exitCode(), run.err());
            ObjectNode report = (ObjectNode) JSON.readTree(run.out());
            report.remove("generatedAt");
            reports.add(report.toString());
        }
        for (int i = 1; i < reports.size(); i++) {
            assertEquals(reports.get(0), reports.get(i), "run " + i + " differs from the run with --parallel 1");
        }
    }

    @Test
    void inventoryAndEventsListTheOthersToo() throws IOException {
        Lab.Run inventory = Lab.hvdiag("inventory", dead, office, "--format", "json");
        assertEquals(2, inventory.exitCode(), inventory.err());
        JsonNode inv = JSON.readTree(inventory.out());
        assertEquals(Set.of(), Lab.schemaProblems("hvdiag-inventory.schema.json", inv));
        List<String> listed = new ArrayList<>();
        inv.path("targets").forEach(t -> listed.add(t.path("target").asText()));
        assertEquals(List.of(dead, office), listed);
        assertEquals(2, inv.path("targets").get(1).path("vms").size(), "the office folder's two VMs");
        assertTrue(inventory.err().contains("could not read " + dead), inventory.err());

        Lab.Run events = Lab.hvdiag("events", dead, lab, "--since", "2026-11-01", "--format", "json");
        assertEquals(2, events.exitCode(), events.err());
        assertTrue(JSON.readTree(events.out()).path("vms").size() > 0, "the lab's evidence is still there");
        assertTrue(events.err().contains("could not read " + dead), events.err());
    }

    @Test
    void whenNoTargetCanBeReadEachIsNamedAndNoReportIsWritten() {
        String refused = vcenter.target(SimulatedVcenter.USER);
        Lab.Run run = Lab.hvdiag("audit", dead, refused, "--format", "json");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out(), "no report of nothing");
        assertTrue(run.err().contains("could not read " + dead + ": "), run.err());
        assertTrue(run.err().contains("could not read " + refused + ": ") && run.err().contains(vcenter.thumbprint), run.err());
    }

    @Test
    void parallelOutsideItsRangeIsAUsageError() {
        Lab.Run run = Lab.hvdiag("audit", lab, "--parallel", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--parallel: 0 is not between 1 and 64"), run.err());
    }

    /** Each finding as rule, VM and message, in report order, for one target. */
    private static List<String> findingsOf(JsonNode report, String target) {
        List<String> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("target").asText().equals(target)) {
                out.add(f.path("ruleId").asText() + " " + f.path("vmId").asText() + " " + f.path("message").asText());
            }
        });
        return out;
    }

    private static List<String> findingsAlone(String target) throws IOException {
        List<String> alone = findingsOf(JSON.readTree(Lab.hvdiag("audit", target, "--format", "json").out()), target);
        assertFalse(alone.isEmpty(), target + " has findings of its own");
        return alone;
    }

    private static int vmsAlone(String target) throws IOException {
        return JSON.readTree(Lab.hvdiag("audit", target, "--format", "json").out()).path("summary").path("vms").asInt();
    }

    /** Findings come target by target, in the order the targets were named. */
    private static void assertInNamedOrder(JsonNode report, List<String> named) {
        int last = -1;
        for (JsonNode f : report.path("findings")) {
            int at = named.indexOf(f.path("target").asText());
            assertTrue(at >= 0, "a finding of a target not named: " + f);
            int before = last;
            assertTrue(at >= before, () -> "a finding of " + named.get(at) + " after one of " + named.get(before));
            last = at;
        }
    }

    private static JsonNode onlyErrorOf(JsonNode report, String target) {
        List<JsonNode> mine = new ArrayList<>();
        report.path("errors").forEach(e -> {
            if (e.path("object").asText().equals(target)) {
                mine.add(e);
            }
        });
        assertEquals(1, mine.size(), "one error naming " + target + ": " + report.path("errors"));
        return mine.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
