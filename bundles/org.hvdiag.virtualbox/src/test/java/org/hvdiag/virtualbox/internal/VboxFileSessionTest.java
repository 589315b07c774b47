package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

class VboxFileSessionTest {
    @TempDir
    Path dir;

    /** A VBoxManage that answers as VirtualBox 6.1.50 with the matching pack, and counts the calls. */
    private final List<String> asked = new ArrayList<>();
    private final VBoxManageCommand vboxManage = args -> {
        asked.add(String.join(" ", args));
        return switch (String.join(" ", args)) {
            case "--version" -> Optional.of("6.1.50r161033\n");
            case "list extpacks" -> Optional.of("Extension Packs: 1\nPack no. 0:   Oracle VM VirtualBox Extension Pack\n"
                    + "Version:      6.1.50\nRevision:     161033\nUsable:       true\n");
            default -> Optional.empty();
        };
    };

    private static Endpoint endpoint(String target, String... options) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            m.put(options[i], options[i + 1]);
        }
        return new Endpoint(target, m);
    }

    @Test
    void aFolderIsOneHostWithItsVms() throws Exception {
        VboxFixtures.write(dir.resolve("xp/xp.vbox"), VboxFixtures.LEGACY);
        VboxFixtures.write(dir.resolve("w10/w10.vbox"), VboxFixtures.CURRENT);
        Inventory inv = VboxFileSession.open(dir, endpoint(dir.toString()), vboxManage).inventory(Progress.NONE);
        assertEquals(dir.toString(), inv.target());
        Host h = inv.hosts().get(0);
        assertEquals("localhost", h.id());
        assertEquals(HypervisorKind.VIRTUALBOX, h.kind());
        assertEquals("6.1.50", h.productVersion());
        assertEquals(List.of("Oracle VM VirtualBox Extension Pack 6.1.50"), h.extensionPacks());
        assertEquals(Runtime.getRuntime().availableProcessors(), h.cpuThreads());
        assertEquals(2, inv.vms().size());
        Vm w10 = inv.vms().stream().filter(v -> v.name().equals("Win 10")).findFirst().orElseThrow();
        assertEquals("localhost", w10.hostId());
        assertEquals("abcdef01-2345-4678-9abc-def012345678", w10.id());
        assertEquals(dir.resolve("w10/w10.vbox").toString(), w10.source());
        assertTrue(w10.hasController(UsbControllerType.XHCI));
        assertEquals(List.of(), inv.errors());
    }

    @Test
    void optionsStateTheHostAndVBoxManageIsNotAsked() throws Exception {
        VboxFixtures.write(dir.resolve("xp.vbox"), VboxFixtures.LEGACY);
        Endpoint e = endpoint(dir.toString(), "vbox-version", "6.1.44", "extpacks",
                "Oracle VM VirtualBox Extension Pack 6.1.40, VNC  6.1.44", "host-cores", "8", "host-threads", "16",
                "host-memory", "65536");
        Host h = VboxFileSession.open(dir, e, vboxManage).inventory(Progress.NONE).hosts().get(0);
        assertEquals("6.1.44", h.productVersion());
        assertEquals(List.of("Oracle VM VirtualBox Extension Pack 6.1.40", "VNC 6.1.44"), h.extensionPacks());
        assertEquals(8, h.cpuCores());
        assertEquals(16, h.cpuThreads());
        assertEquals(65536, h.memoryMiB());
        assertEquals(List.of(), asked);
    }

    @Test
    void withoutVBoxManageVersionAndPacksStayUnknown() throws Exception {
        VboxFixtures.write(dir.resolve("xp.vbox"), VboxFixtures.LEGACY);
        Host h = VboxFileSession.open(dir, endpoint(dir.toString()), VBoxManageCommand.ABSENT).inventory(Progress.NONE)
                .hosts().get(0);
        assertEquals("", h.productVersion());
        assertEquals(List.of(), h.extensionPacks());
        assertFalse(h.extensionPacksKnown(), "no pack listed and nobody asked: unknown, not none");
    }

    @Test
    void anAdminCanStateThatNoPackIsInstalled() throws Exception {
        VboxFixtures.write(dir.resolve("xp.vbox"), VboxFixtures.LEGACY);
        Host h = VboxFileSession.open(dir, endpoint(dir.toString(), "extpacks", "none"), VBoxManageCommand.ABSENT)
                .inventory(Progress.NONE).hosts().get(0);
        assertEquals(List.of(), h.extensionPacks());
        assertTrue(h.extensionPacksKnown(), "none stated is known");
    }

    @Test
    void malformedOptionsAndMissingTargetsAreRefusedUpFront() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> VboxFileSession.open(dir, endpoint("x", "extpacks", "Oracle VM VirtualBox Extension Pack"), vboxManage));
        assertEquals("option extpacks: 'Oracle VM VirtualBox Extension Pack' is not a pack name followed by its version "
                + "(expected e.g. \"Oracle VM VirtualBox Extension Pack 6.1.50\")", e.getMessage());
        e = assertThrows(ConnectorException.class, () -> VboxFileSession.open(dir, endpoint("x", "host-cores", "0"), vboxManage));
        assertTrue(e.getMessage().startsWith("option host-cores: '0' is not a count"), e.getMessage());
        Path gone = dir.resolve("gone");
        e = assertThrows(ConnectorException.class, () -> VboxFileSession.open(gone, Endpoint.of(gone.toString()), vboxManage));
        assertEquals(gone + ": no such file or folder (expected a .vbox file, saved VBoxManage showvminfo output, or a folder of them)", e.getMessage());
    }

    @Test
    void everyFixAndUndoIsRefusedWithTheLiveTargetNamed() throws Exception {
        VboxFixtures.write(dir.resolve("w.vbox"), VboxFixtures.CURRENT);
        VboxFileSession s = VboxFileSession.open(dir, endpoint(dir.toString()), VBoxManageCommand.ABSENT);
        Vm vm = s.inventory(Progress.NONE).vms().get(0);
        ChangePlan plan = ChangePlan.of(vm, "usb-filter-matches-any", List.of(),
                List.of(new ConfigChange.RemoveUsbFilter("usbfilter:Logitech Receiver", "Logitech Receiver")));
        List<ApplyResult> results = s.apply(List.of(plan), null, Progress.NONE);
        assertEquals(1, results.size());
        ApplyResult r = results.get(0);
        assertEquals(vm.id(), r.vmId());
        assertEquals(ApplyResult.Outcome.SKIPPED, r.outcome());
        assertEquals("VirtualBox rewrites .vbox files while it runs; fix this VM through the VirtualBox web service "
                + "instead (vbox://user@host)", r.detail());
        assertNull(r.after());
    }

    @Test
    void hostVersionFromVBoxManageOutput() {
        assertEquals("7.0.14", VboxHostFacts.versionOf("7.0.14r161095\n"));
        assertEquals("6.1.38", VboxHostFacts.versionOf("6.1.38_Debianr153438"));
        assertEquals("", VboxHostFacts.versionOf("WARNING: The vboxdrv kernel module is not loaded."));
    }
}
