package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.Vm;

/** A folder of machine folders: Logs/VBox.log[.N] beside each .vbox, as VirtualBox writes them. */
class VboxFolderEvidenceTest {
    @TempDir
    Path dir;

    @Test
    void rotatedLogsAreReadOldestEventFirstAndAnUnclosedOldRunIsAProcessCrash() throws Exception {
        VboxFixtures.write(dir.resolve("w10/w10.vbox"), VboxFixtures.CURRENT);
        VboxFixtures.write(dir.resolve("xp/xp.vbox"), VboxFixtures.LEGACY);
        Path logs = Files.createDirectories(dir.resolve("w10/Logs"));
        // VBox.log.2: a run whose process died while the VM ran (no "End of log file").
        String died = new String(VboxLogParserTest.resource("acpi-shutdown.log"), java.nio.charset.StandardCharsets.US_ASCII)
                .replace("2025-02-10T06:00:00", "2024-03-01T06:00:00");
        died = died.substring(0, died.indexOf("27:14:05.123456"));
        Files.writeString(logs.resolve("VBox.log.2"), died + "03:00:00.000000 NAT: Link up\n");
        Files.write(logs.resolve("VBox.log.1"), VboxLogParserTest.resource("win-usb-bugcheck.log"));
        Files.write(logs.resolve("VBox.log"), VboxLogParserTest.resource("guru-after-usb.log"));

        try (Session s = VboxFileSession.open(dir, new Endpoint(dir.toString(), Map.of()), args -> java.util.Optional.empty())) {
            Inventory inv = s.inventory(Progress.NONE);
            List<VmEvidence> all = s.evidence(inv.vms(), VboxLogParserTest.ALL, Progress.NONE);
            assertEquals(inv.vms().stream().map(Vm::id).toList(), all.stream().map(VmEvidence::vmId).toList());
            VmEvidence w10 = all.stream().filter(e -> e.vmName().equals(inv.vms().stream()
                    .filter(v -> v.source().endsWith("w10.vbox")).findFirst().orElseThrow().name())).findFirst().orElseThrow();
            List<String> kinds = w10.events().stream().map(e -> e.kind().label()).toList();
            assertEquals(List.of("powered on", "crashed",
                    "powered on", "USB connected", "guest crashed", "USB disconnected", "hard power-off",
                    "powered on", "USB connected", "crashed"), kinds);
            assertTrue(w10.events().get(1).kind().describe().contains("ended without closing " + logs.resolve("VBox.log.2")),
                    w10.events().get(1).kind().describe());
            assertEquals(java.time.OffsetDateTime.parse("2024-03-01T08:59:59.129997Z"), w10.events().get(1).time());
            // The folder read does not know whether the VM runs now: the open newest log is only a note... here it is closed.
            assertEquals(List.of(), w10.notes());

            VmEvidence xp = all.stream().filter(e -> e != w10).findFirst().orElseThrow();
            assertEquals(List.of(), xp.events());
            assertTrue(xp.notes().get(0).startsWith("no VBox.log in " + dir.resolve("xp/Logs").toAbsolutePath()), xp.notes().toString());
        }
    }

    @Test
    void theNewestLogLeftOpenIsANoteNotACrashWhenTheStateIsUnknown() throws Exception {
        VboxFixtures.write(dir.resolve("w10/w10.vbox"), VboxFixtures.CURRENT);
        Path logs = Files.createDirectories(dir.resolve("w10/Logs"));
        String running = new String(VboxLogParserTest.resource("acpi-shutdown.log"), java.nio.charset.StandardCharsets.US_ASCII);
        Files.writeString(logs.resolve("VBox.log"), running.substring(0, running.indexOf("27:14:05.123456")));
        try (Session s = VboxFileSession.open(dir, new Endpoint(dir.toString(), Map.of()), args -> java.util.Optional.empty())) {
            Inventory inv = s.inventory(Progress.NONE);
            VmEvidence e = s.evidence(inv.vms(), VboxLogParserTest.ALL, Progress.NONE).get(0);
            assertEquals(List.of("powered on"), e.events().stream().map(v -> v.kind().label()).toList());
            assertTrue(e.notes().get(0).contains("has no \"End of log file\" line: the VM is still running, or its process"),
                    e.notes().toString());
        }
    }
}
