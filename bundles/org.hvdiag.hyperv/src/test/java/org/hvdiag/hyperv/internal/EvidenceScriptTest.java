package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

/** What the connector sends for evidence, and how many scripts a selection takes. */
class EvidenceScriptTest {
    static final EvidenceWindow WINDOW = new EvidenceWindow(Instant.parse("2026-11-26T00:00:00Z"),
            Instant.parse("2026-11-27T00:00:00Z"), 1 << 20);

    /** A host that answers every evidence script with an empty answer for the VMs it was asked about. */
    static final class CountingHost implements ScriptRunner {
        final List<String> scripts = new ArrayList<>();
        long exitCode;
        String stdout;

        @Override
        public String where() {
            return "hv1.example:5986";
        }

        @Override
        public ShellResult run(PowerShellCommand command) {
            String script = PowerShellCommand.decode(command.arguments().get(3));
            scripts.add(script);
            Matcher m = Pattern.compile("FromBase64String\\('([A-Za-z0-9+/=]*)'\\)").matcher(script);
            assertTrue(m.find(), "the query travels as a base64 literal");
            String query = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            StringBuilder vms = new StringBuilder();
            Matcher ids = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(query);
            while (ids.find()) {
                vms.append(vms.length() == 0 ? "" : ",").append("{\"VmId\":\"").append(ids.group()).append("\",\"Events\":0,\"Bytes\":0,\"Cut\":null}");
            }
            String out = stdout != null ? stdout : "{\"Events\":[],\"Vms\":[" + vms + "],\"Logs\":[]}";
            return new ShellResult(out, exitCode == 0 ? "" : "Get-WinEvent : Attempted to perform an unauthorized operation.\r\n"
                    + "    + CategoryInfo          : NotSpecified: (:) [Get-WinEvent], UnauthorizedAccessException\r\n", exitCode, List.of());
        }
    }

    static List<Vm> vms(int n) {
        List<Vm> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Vm.builder(UUID.nameUUIDFromBytes(("vm" + i).getBytes(StandardCharsets.UTF_8)).toString(), HypervisorKind.HYPERV)
                    .name("vm-" + i).build());
        }
        return out;
    }

    @Test
    void aFullBatchFitsOneWindowsCommandLineAndTheScriptIsTheEvidenceScriptAlone() {
        PowerShellCommand c = HypervScripts.evidence(new EvidenceQuery(vms(HypervEvidence.BATCH).stream().map(Vm::id).toList(),
                WINDOW, 10_000));
        assertTrue(c.commandLineLength() <= PowerShellCommand.MAX_COMMAND_LINE, c.commandLineLength() + " characters");
        String script = c.script();
        assertTrue(script.startsWith("# hvdiag evidence v1\n"), script.substring(0, 40));
        assertTrue(!script.contains("# hvdiag vm-json v1") && !script.contains(HypervScripts.QUERY_PLACEHOLDER));
        assertTrue(script.contains("Get-WinEvent -FilterHashtable @{ LogName = [string] $log; StartTime = $start; EndTime = $end; Id = $ids }"));
    }

    @Test
    void aUsualSelectionIsOneRoundTripAndABigOneIsSplitInTheOrderAsked() throws Exception {
        CountingHost host = new CountingHost();
        List<Vm> fourteen = vms(14);
        List<VmEvidence> ev = new HypervEvidence(new HostScripts(host, "hv1")).read(fourteen, WINDOW, Progress.NONE);
        assertEquals(1, host.scripts.size());
        assertEquals(fourteen.stream().map(Vm::id).toList(), ev.stream().map(VmEvidence::vmId).toList());

        host.scripts.clear();
        List<Vm> many = vms(2 * HypervEvidence.BATCH + 1);
        ev = new HypervEvidence(new HostScripts(host, "hv1")).read(many, WINDOW, Progress.NONE);
        assertEquals(3, host.scripts.size());
        assertEquals(many.stream().map(Vm::id).toList(), ev.stream().map(VmEvidence::vmId).toList());
        assertTrue(ev.stream().noneMatch(e -> e.notes().stream().anyMatch(n -> n.contains("says nothing"))),
                "every VM was in the answer of its own script");
    }

    @Test
    void aScriptThatFailsOnTheHostGivesEveryVmANoteNotAnException() throws Exception {
        CountingHost host = new CountingHost();
        host.exitCode = 1;
        host.stdout = "";
        List<VmEvidence> ev = new HypervEvidence(new HostScripts(host, "hv1")).read(vms(2), WINDOW, Progress.NONE);
        for (VmEvidence e : ev) {
            assertEquals(List.of("the event log script failed on hv1.example:5986 (exit code 1): Get-WinEvent : Attempted to "
                    + "perform an unauthorized operation."), e.notes());
        }
    }

    @Test
    void anAnswerCutShortGivesEveryVmANote() throws Exception {
        CountingHost host = new CountingHost();
        host.stdout = "{\"Events\":[{\"VmId\":\"c4bb8df2-d263-4055-8b8a-274a0fc5e8db\",\"TimeCreated\":\"2026-11-26T14:37:5";
        List<VmEvidence> ev = new HypervEvidence(new HostScripts(host, "hv1")).read(vms(1), WINDOW, Progress.NONE);
        assertTrue(ev.get(0).notes().get(0).startsWith("cannot read the event logs' answer: the event logs of hv1.example:5986: not JSON"),
                ev.get(0).notes().toString());
        assertTrue(ev.get(0).events().isEmpty());
    }
}
