package org.hvdiag.vmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.change.ChangePlan;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.change.Precondition;
import org.hvdiag.core.change.VmField;
import org.hvdiag.core.connector.ApplyResult;
import org.hvdiag.core.connector.ApplyResult.Outcome;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.journal.Journal;
import org.hvdiag.core.journal.JournalEntry;
import org.hvdiag.core.journal.JournalReader;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.PowerState;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

class VmxApplyTest {
    /** Workstation-shaped, with a trailing comment and CRLF line ends, so edits show they touch nothing else. */
    private static final String VMX = String.join("\r\n",
            ".encoding = \"UTF-8\"",
            "# hand note: do not remove",
            "config.version = \"8\"",
            "virtualHW.version = \"10\"",
            "displayName = \"lab-w7\"",
            "guestOS = \"windows7-64\"",
            "numvcpus = \"2\"",
            "memsize = \"2048\"   # raised in 2021",
            "vcpu.hotadd = \"TRUE\"",
            "usb.present = \"TRUE\"",
            "ehci.present = \"TRUE\"",
            "usb_xhci.present = \"TRUE\"",
            "usb_xhci:4.present = \"TRUE\"",
            "usb_xhci:4.deviceType = \"hid\"",
            "usb_xhci:4.port = \"4\"",
            "usb_xhci:4.parent = \"-1\"",
            "usb_xhci:40.present = \"TRUE\"",
            "usb_xhci:40.deviceType = \"hub\"",
            "usb.autoConnect.device0 = \"vid:0x0781 pid:0x5567\"",
            "usb.generic.autoconnect = \"TRUE\"",
            "tools.upgrade.policy = \"manual\"",
            "");

    @TempDir
    Path dir;

    private final VmxConnector connector = new VmxConnector();
    private Session session;
    private Path vmx;
    private byte[] original;

    @BeforeEach
    void setUp() throws Exception {
        vmx = write("lab-w7/lab-w7.vmx", VMX);
        original = Files.readAllBytes(vmx);
        session = connector.connect(Endpoint.of(dir.toString()), Credentials.none());
    }

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }

    private Vm vm(Path p) throws Exception {
        String id = p.toAbsolutePath().normalize().toString();
        return session.inventory(Progress.NONE).vms().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    private ChangePlan plan(Vm vm, ConfigChange... changes) {
        return ChangePlan.of(vm, "test-rule", List.of(VmField.USB_CONTROLLERS, VmField.HARDWARE_VERSION), List.of(changes));
    }

    private List<ApplyResult> apply(Path journal, ChangePlan... plans) throws Exception {
        try (Journal j = Journal.create(journal, "vmx", dir.toString())) {
            return session.apply(List.of(plans), j, Progress.NONE);
        }
    }

    private ApplyResult applyOne(ConfigChange... changes) throws Exception {
        List<ApplyResult> r = apply(dir.resolve("j-" + System.nanoTime() + ".jsonl"), plan(vm(vmx), changes));
        assertEquals(1, r.size());
        return r.get(0);
    }

    private String text() throws IOException {
        return Files.readString(vmx, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void addXhciController() throws Exception {
        Files.writeString(vmx, VMX.replace("usb_xhci.present = \"TRUE\"", "usb_xhci.present = \"FALSE\""));
        ApplyResult r = applyOne(new ConfigChange.AddUsbController(UsbControllerType.XHCI));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertTrue(r.after().hasController(UsbControllerType.XHCI));
        assertTrue(vm(vmx).hasController(UsbControllerType.XHCI));
        assertTrue(text().contains("\r\nusb_xhci.present = \"TRUE\"\r\n"));
    }

    @Test
    void addEhciAlsoAddsItsUhciCompanion() throws Exception {
        Files.writeString(vmx, VMX.replace("usb.present = \"TRUE\"\r\nehci.present = \"TRUE\"\r\n", ""));
        assertFalse(vm(vmx).hasController(UsbControllerType.UHCI));
        ApplyResult r = applyOne(new ConfigChange.AddUsbController(UsbControllerType.EHCI));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        Vm after = vm(vmx);
        assertTrue(after.hasController(UsbControllerType.EHCI));
        assertTrue(after.hasController(UsbControllerType.UHCI));
        assertTrue(text().endsWith("usb.present = \"TRUE\"\r\nehci.present = \"TRUE\"\r\n"), text());
    }

    @Test
    void addUhci() throws Exception {
        Files.writeString(vmx, VMX.replace("usb.present = \"TRUE\"", "usb.present = \"FALSE\"")
                .replace("ehci.present = \"TRUE\"", "ehci.present = \"FALSE\""));
        ApplyResult r = applyOne(new ConfigChange.AddUsbController(UsbControllerType.UHCI));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertTrue(vm(vmx).hasController(UsbControllerType.UHCI));
        assertFalse(vm(vmx).hasController(UsbControllerType.EHCI));
    }

    @Test
    void addOhciFailsWithoutTouchingTheFile() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.AddUsbController(UsbControllerType.OHCI));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals("not changed: VMware has no USB 1.1 (OHCI) controller", r.detail());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void removeUhciTakesEhciWithIt() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.RemoveUsbController("usb", UsbControllerType.UHCI));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        Vm after = vm(vmx);
        assertFalse(after.hasController(UsbControllerType.UHCI));
        assertFalse(after.hasController(UsbControllerType.EHCI));
        assertTrue(after.hasController(UsbControllerType.XHCI));
        assertTrue(text().contains("\r\nusb.present = \"FALSE\"\r\nehci.present = \"FALSE\"\r\n"));
    }

    @Test
    void removeEhciKeepsUhci() throws Exception {
        assertEquals(Outcome.APPLIED, applyOne(new ConfigChange.RemoveUsbController("ehci", UsbControllerType.EHCI)).outcome());
        Vm after = vm(vmx);
        assertTrue(after.hasController(UsbControllerType.UHCI));
        assertFalse(after.hasController(UsbControllerType.EHCI));
    }

    @Test
    void removeXhci() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.RemoveUsbDevice("usb_xhci:4", "hid"), new ConfigChange.RemoveUsbDevice("usb_xhci:40", "hub"),
                new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertEquals(List.of(UsbControllerType.UHCI, UsbControllerType.EHCI),
                vm(vmx).usbControllers().stream().map(c -> c.type()).toList());
    }

    @Test
    void aControllerWithDevicesOnItIsNotRemovedAlone() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().startsWith("not changed: "), r.detail());
        assertTrue(r.detail().contains("usb_xhci:4"), r.detail());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void removeDeviceDropsAllItsKeysAndNoOtherDevices() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.RemoveUsbDevice("usb_xhci:4", "hid"));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertEquals(List.of("usb_xhci:40"), vm(vmx).usbDevices().stream().map(d -> d.id()).toList());
        assertFalse(text().contains("usb_xhci:4."));
        assertTrue(text().contains("usb_xhci:40.deviceType"));
    }

    @Test
    void aControllerIdIsNotADeviceId() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.RemoveUsbDevice("usb", ""));
        assertEquals(Outcome.FAILED, r.outcome());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void removeAutoconnectRule() throws Exception {
        assertEquals(Outcome.APPLIED, applyOne(new ConfigChange.RemoveUsbFilter("usb.autoConnect.device0", "")).outcome());
        assertEquals(List.of("usb.generic.autoconnect"), vm(vmx).usbFilters().stream().map(f -> f.id()).toList());
        assertFalse(text().contains("usb.autoConnect.device0"));
    }

    @Test
    void turnOffGenericAutoconnect() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.SetAutoConnect("usb.generic.autoconnect", false));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertEquals(List.of("usb.autoConnect.device0"), vm(vmx).usbFilters().stream().filter(f -> f.active()).map(f -> f.id()).toList());
        assertTrue(text().contains("\r\nusb.generic.autoconnect = \"FALSE\"\r\n"));
    }

    @Test
    void turnOnGenericAutoconnect() throws Exception {
        Files.writeString(vmx, VMX.replace("usb.generic.autoconnect = \"TRUE\"", "usb.generic.autoconnect = \"FALSE\""));
        assertEquals(List.of("usb.autoConnect.device0"), vm(vmx).usbFilters().stream().filter(f -> f.active()).map(f -> f.id()).toList());
        ApplyResult r = applyOne(new ConfigChange.SetAutoConnect("usb.generic.autoconnect", true));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertTrue(vm(vmx).usbFilters().get(1).matchesAnyDevice());
    }

    @Test
    void autoconnectOfAControllerIsNotAVmxSetting() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.SetAutoConnect("usb_xhci", true));
        assertEquals(Outcome.FAILED, r.outcome());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void removeFilterOfGenericAutoconnectTurnsItOff() throws Exception {
        assertEquals(Outcome.APPLIED, applyOne(new ConfigChange.RemoveUsbFilter("usb.generic.autoconnect", "")).outcome());
        assertEquals("FALSE", vm(vmx).raw("usb.generic.autoconnect"));
    }

    @Test
    void setAutoConnectOffOnAnAutoconnectRuleRemovesIt() throws Exception {
        assertEquals(Outcome.APPLIED, applyOne(new ConfigChange.SetAutoConnect("usb.autoConnect.device0", false)).outcome());
        assertFalse(vm(vmx).rawProperties().containsKey("usb.autoConnect.device0"));
    }

    @Test
    void upgradeHardwareVersion() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(19)));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertEquals(HardwareVersion.vmx(19), vm(vmx).hardwareVersion());
        assertTrue(text().contains("\r\nvirtualHW.version = \"19\"\r\n"));
    }

    @Test
    void aDowngradeIsRefused() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(8)));
        assertEquals(Outcome.FAILED, r.outcome());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void hotAddSettings() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.SetCpuHotAdd(false), new ConfigChange.SetMemoryHotAdd(true));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        Vm after = vm(vmx);
        assertFalse(after.cpuHotAdd());
        assertTrue(after.memoryHotAdd());
        assertTrue(text().contains("\r\nvcpu.hotadd = \"FALSE\"\r\n"));
        assertTrue(text().endsWith("mem.hotadd = \"TRUE\"\r\n"));
    }

    @Test
    void vcpusAndMemoryKeepTheLinesComment() throws Exception {
        ApplyResult r = applyOne(new ConfigChange.SetVcpus(4), new ConfigChange.SetMemory(8192));
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        Vm after = vm(vmx);
        assertEquals(4, after.vcpus());
        assertEquals(8192, after.memoryMiB());
        assertEquals(VMX.replace("numvcpus = \"2\"", "numvcpus = \"4\"").replace("memsize = \"2048\"", "memsize = \"8192\""), text());
    }

    @Test
    void advancedSettingSetAndRemoved() throws Exception {
        assertEquals(Outcome.APPLIED, applyOne(new ConfigChange.SetAdvancedSetting("devices.hotplug", "FALSE")).outcome());
        assertFalse(vm(vmx).deviceHotplug());
        assertEquals(Outcome.APPLIED, applyOne(new ConfigChange.SetAdvancedSetting("tools.upgrade.policy", null)).outcome());
        assertEquals("", vm(vmx).toolsUpgradePolicy());
        assertFalse(text().contains("tools.upgrade.policy"));
    }

    @Test
    void theEncodingIsNotAnAdvancedSetting() throws Exception {
        assertEquals(Outcome.FAILED, applyOne(new ConfigChange.SetAdvancedSetting(".encoding", "windows-1252")).outcome());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void journalHoldsIntentBeforeOutcomeAndTheExactOldFile() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        List<ApplyResult> r = apply(journal, plan(vm(vmx), new ConfigChange.SetVcpus(8)));
        assertEquals(Outcome.APPLIED, r.get(0).outcome());
        List<String> lines = Files.readAllLines(journal);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("{\"type\":\"journal\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"type\":\"intent\""), "intent second");
        assertTrue(lines.get(2).startsWith("{\"type\":\"outcome\""), "outcome last");
        JournalEntry e = JournalReader.read(journal).entries().get(0);
        Map<String, String> before = e.beforeState();
        assertEquals(vmx.toAbsolutePath().normalize().toString(), before.get("path"));
        assertEquals(sha256(original), before.get("sha256"));
        assertArrayEquals(original, Base64.getDecoder().decode(before.get("contentBase64")));
        byte[] now = Files.readAllBytes(vmx);
        assertEquals(sha256(now), before.get("plannedSha256"));
        assertEquals(sha256(now), e.afterState().get("sha256"));
        assertEquals("APPLIED", e.outcome());
        assertEquals("2", e.before().get("VCPUS"));
        assertEquals("8", e.after().get("VCPUS"));
    }

    @Test
    void undoRestoresTheFileByteForByte() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        apply(journal, plan(vm(vmx), new ConfigChange.RemoveUsbDevice("usb_xhci:4", ""),
                new ConfigChange.RemoveUsbDevice("usb_xhci:40", ""), new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI),
                new ConfigChange.SetMemoryHotAdd(true),
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(14))));
        assertNotEquals(sha256(original), sha256(Files.readAllBytes(vmx)));
        List<ApplyResult> u = session.undo(JournalReader.read(journal).entries(), Progress.NONE);
        assertEquals(Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
        assertArrayEquals(original, Files.readAllBytes(vmx));
        assertEquals(HardwareVersion.vmx(10), u.get(0).after().hardwareVersion());
        List<ApplyResult> again = session.undo(JournalReader.read(journal).entries(), Progress.NONE);
        assertEquals(Outcome.SKIPPED, again.get(0).outcome());
        assertEquals("already as before", again.get(0).detail());
    }

    @Test
    void undoOfTwoPushesOnOneVmGoesNewestFirst() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        Vm vm = vm(vmx);
        ChangePlan first = new ChangePlan(vm.id(), vm.name(), List.of("r1"), List.of(), List.of(new ConfigChange.SetVcpus(3)));
        ChangePlan second = new ChangePlan(vm.id(), vm.name(), List.of("r2"), List.of(), List.of(new ConfigChange.SetVcpus(5)));
        List<ApplyResult> r = apply(journal, first, second);
        assertEquals(List.of(Outcome.APPLIED, Outcome.APPLIED), r.stream().map(ApplyResult::outcome).toList());
        assertEquals(5, vm(vmx).vcpus());
        List<ApplyResult> u = session.undo(JournalReader.read(journal).entries(), Progress.NONE);
        assertEquals(List.of(Outcome.APPLIED, Outcome.APPLIED), u.stream().map(ApplyResult::outcome).toList());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void undoNeverOverwritesALaterEdit() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        apply(journal, plan(vm(vmx), new ConfigChange.SetVcpus(4)));
        String adminEdit = text().replace("memsize = \"2048\"", "memsize = \"3072\"");
        Files.writeString(vmx, adminEdit);
        List<ApplyResult> u = session.undo(JournalReader.read(journal).entries(), Progress.NONE);
        assertEquals(Outcome.FAILED, u.get(0).outcome());
        assertEquals(vmx.toAbsolutePath().normalize() + " changed since the fix; not restored", u.get(0).detail());
        assertEquals(adminEdit, text());
    }

    @Test
    void undoOfAnInterruptedPushRestoresWhatWasMeantToBeWritten() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        apply(journal, plan(vm(vmx), new ConfigChange.SetVcpus(6)));
        // Keep the header and the intent: as if hvdiag had been killed between writing the file and the outcome.
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, 2));
        List<JournalEntry> entries = JournalReader.read(journal).entries();
        assertTrue(entries.get(0).interrupted());
        List<ApplyResult> u = session.undo(entries, Progress.NONE);
        assertEquals(Outcome.APPLIED, u.get(0).outcome(), u.get(0).detail());
        assertArrayEquals(original, Files.readAllBytes(vmx));
    }

    @Test
    void undoOfAnInterruptedPushThatNeverWroteIsAlreadyAsBefore() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        apply(journal, plan(vm(vmx), new ConfigChange.SetVcpus(6)));
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, 2));
        Files.write(vmx, original);
        List<ApplyResult> u = session.undo(JournalReader.read(journal).entries(), Progress.NONE);
        assertEquals(Outcome.SKIPPED, u.get(0).outcome());
        assertEquals("already as before", u.get(0).detail());
    }

    @Test
    void aVmWithADamagedLineIsAuditedButNotFixedAndItsFileIsKept() throws Exception {
        // The damaged line holds the very key the fix would write: a second usb.present line would read one way
        // to VMware now and another once someone closes the quote.
        Files.writeString(vmx, VMX.replace("usb.present = \"TRUE\"", "usb.present = \"TRUE"));
        byte[] damaged = Files.readAllBytes(vmx);
        Vm vm = vm(vmx);
        assertFalse(vm.hasController(UsbControllerType.UHCI));
        assertTrue(vm.hasController(UsbControllerType.XHCI));
        Path journal = dir.resolve("push.jsonl");
        List<ApplyResult> r = apply(journal, plan(vm, new ConfigChange.AddUsbController(UsbControllerType.UHCI)));
        assertEquals(Outcome.SKIPPED, r.get(0).outcome());
        assertEquals("not changed: " + vm.id() + " has damaged line 10 (unterminated quoted value (expected key = "
                + "\"value\")); repair or remove it and audit again", r.get(0).detail());
        assertArrayEquals(damaged, Files.readAllBytes(vmx));
        assertEquals(1, Files.readAllLines(journal).size());
    }

    @Test
    void aRunningVmIsRefusedAndNotJournalled() throws Exception {
        Files.createDirectory(vmx.resolveSibling("lab-w7.vmx.lck"));
        Vm vm = vm(vmx);
        assertEquals(PowerState.POWERED_ON, vm.powerState());
        Path journal = dir.resolve("push.jsonl");
        List<ApplyResult> r = apply(journal, plan(vm, new ConfigChange.SetVcpus(4)));
        assertEquals(Outcome.SKIPPED, r.get(0).outcome());
        assertEquals("lab-w7 is running (lock folder lab-w7.vmx.lck exists): power it off first", r.get(0).detail());
        assertArrayEquals(original, Files.readAllBytes(vmx));
        assertEquals(1, Files.readAllLines(journal).size());
    }

    @Test
    void undoIsRefusedWhileTheVmRuns() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        apply(journal, plan(vm(vmx), new ConfigChange.SetVcpus(4)));
        byte[] fixed = Files.readAllBytes(vmx);
        Files.createDirectory(vmx.resolveSibling("lab-w7.vmx.lck"));
        List<ApplyResult> u = session.undo(JournalReader.read(journal).entries(), Progress.NONE);
        assertEquals(Outcome.SKIPPED, u.get(0).outcome());
        assertTrue(u.get(0).detail().endsWith("is running (lock folder lab-w7.vmx.lck exists): power it off first"));
        assertArrayEquals(fixed, Files.readAllBytes(vmx));
    }

    @Test
    void aSuspendedVmIsRefused() throws Exception {
        Files.write(vmx.resolveSibling("lab-w7-5a1b.vmss"), new byte[] {1});
        Files.writeString(vmx, VMX + "checkpoint.vmState = \"lab-w7-5a1b.vmss\"\r\n");
        ApplyResult r = applyOne(new ConfigChange.SetVcpus(4));
        assertEquals(Outcome.SKIPPED, r.outcome());
        assertEquals("lab-w7 is suspended (lab-w7-5a1b.vmss): resume it and power it off first", r.detail());
    }

    @Test
    void aStalePlanIsRefused() throws Exception {
        ChangePlan plan = plan(vm(vmx), new ConfigChange.RemoveUsbController("usb_xhci", UsbControllerType.XHCI));
        Files.writeString(vmx, VMX.replace("virtualHW.version = \"10\"", "virtualHW.version = \"11\""));
        byte[] edited = Files.readAllBytes(vmx);
        List<ApplyResult> r = apply(dir.resolve("push.jsonl"), plan);
        assertEquals(Outcome.SKIPPED, r.get(0).outcome());
        assertEquals("the plan is stale: hardware version is now 'vmx-11', the plan was made for 'vmx-10'", r.get(0).detail());
        assertArrayEquals(edited, Files.readAllBytes(vmx));
    }

    @Test
    void aPowerStatePreconditionIsChecked() throws Exception {
        Vm vm = vm(vmx);
        ChangePlan plan = new ChangePlan(vm.id(), vm.name(), List.of("r"), List.of(new Precondition.PowerStateIs(PowerState.POWERED_ON)),
                List.of(new ConfigChange.SetVcpus(4)));
        assertEquals(Outcome.SKIPPED, apply(dir.resolve("p.jsonl"), plan).get(0).outcome());
    }

    @Test
    void oneFailedVmDoesNotStopTheOthers() throws Exception {
        Path other = write("other/other.vmx", "displayName = \"other\"\nnumvcpus = \"1\"\n");
        Vm gone = vm(other);
        Files.delete(other);
        List<ApplyResult> r = apply(dir.resolve("push.jsonl"), plan(gone, new ConfigChange.SetVcpus(2)),
                plan(vm(vmx), new ConfigChange.SetVcpus(4)));
        assertEquals(Outcome.FAILED, r.get(0).outcome());
        assertEquals(other.toAbsolutePath().normalize() + ": cannot read: no such file", r.get(0).detail());
        assertEquals(Outcome.APPLIED, r.get(1).outcome());
        assertEquals(4, vm(vmx).vcpus());
    }

    @Test
    void cancellingStopsBeforeTheNextVm() throws Exception {
        Path second = write("b/b.vmx", "displayName = \"b\"\nnumvcpus = \"1\"\n");
        Path third = write("c/c.vmx", "displayName = \"c\"\nnumvcpus = \"1\"\n");
        List<ChangePlan> plans = List.of(plan(vm(vmx), new ConfigChange.SetVcpus(4)), plan(vm(second), new ConfigChange.SetVcpus(4)),
                plan(vm(third), new ConfigChange.SetVcpus(4)));
        Progress cancelAfterFirst = new Progress() {
            private int done;
            @Override public void begin(String task, int totalWork) { }
            @Override public void worked(int units) { done += units; }
            @Override public boolean isCanceled() { return done >= 1; }
        };
        List<ApplyResult> r;
        try (Journal j = Journal.create(dir.resolve("push.jsonl"), "vmx", dir.toString())) {
            r = session.apply(plans, j, cancelAfterFirst);
        }
        assertEquals(List.of(Outcome.APPLIED, Outcome.SKIPPED, Outcome.SKIPPED), r.stream().map(ApplyResult::outcome).toList());
        assertEquals("cancelled", r.get(2).detail());
        assertEquals(1, vm(second).vcpus());
        assertEquals(4, vm(vmx).vcpus());
    }

    @Test
    void cancellingAnUndoStopsBeforeTheNextVm() throws Exception {
        Path second = write("b/b.vmx", "displayName = \"b\"\nnumvcpus = \"1\"\n");
        Path journal = dir.resolve("push.jsonl");
        apply(journal, plan(vm(vmx), new ConfigChange.SetVcpus(4)), plan(vm(second), new ConfigChange.SetVcpus(4)));
        Progress cancelAfterFirst = new Progress() {
            private int done;
            @Override public void begin(String task, int totalWork) { }
            @Override public void worked(int units) { done += units; }
            @Override public boolean isCanceled() { return done >= 1; }
        };
        List<ApplyResult> u = session.undo(JournalReader.read(journal).entries(), cancelAfterFirst);
        assertEquals(List.of(Outcome.APPLIED, Outcome.SKIPPED), u.stream().map(ApplyResult::outcome).toList());
        assertEquals(1, vm(second).vcpus(), "newest entry first: b was restored");
        assertEquals(4, vm(vmx).vcpus(), "the cancelled one is left as fixed");
    }

    @Test
    void permissionsAndLinksAreKept() throws Exception {
        Files.setPosixFilePermissions(vmx, PosixFilePermissions.fromString("rw-r-----"));
        Path link = dir.resolve("link.vmx");
        Files.createSymbolicLink(link, vmx);
        ChangePlan p = new ChangePlan(link.toAbsolutePath().normalize().toString(), "link", List.of("r"), List.of(),
                List.of(new ConfigChange.SetVcpus(4)));
        ApplyResult r = apply(dir.resolve("push.jsonl"), p).get(0);
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(vmx)));
        assertEquals(4, vm(vmx).vcpus());
        try (var files = Files.list(vmx.getParent())) {
            assertEquals(List.of("lab-w7.vmx"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aWindows1252FileKeepsItsCharsetAndItsOtherBytes() throws Exception {
        Charset cp1252 = Charset.forName("windows-1252");
        String text = ".encoding = \"windows-1252\"\r\ndisplayName = \"Büro-PC für Jörg\"\r\nnumvcpus = \"1\"\r\n";
        Path p = dir.resolve("buero/buero.vmx");
        Files.createDirectories(p.getParent());
        Files.write(p, text.getBytes(cp1252));
        Vm vm = vm(p);
        assertEquals("Büro-PC für Jörg", vm.name());
        Path journal = dir.resolve("push.jsonl");
        ApplyResult r = apply(journal, plan(vm, new ConfigChange.SetVcpus(2), new ConfigChange.SetAdvancedSetting("annotation", "Größe ok"))).get(0);
        assertEquals(Outcome.APPLIED, r.outcome(), r.detail());
        assertArrayEquals((text.replace("\"1\"", "\"2\"") + "annotation = \"Größe ok\"\r\n").getBytes(cp1252), Files.readAllBytes(p));
        session.undo(JournalReader.read(journal).entries(), Progress.NONE);
        assertArrayEquals(text.getBytes(cp1252), Files.readAllBytes(p));
    }

    @Test
    void aDamagedJournalEntryIsNotRestored() throws Exception {
        Path journal = dir.resolve("push.jsonl");
        apply(journal, plan(vm(vmx), new ConfigChange.SetVcpus(4)));
        byte[] fixed = Files.readAllBytes(vmx);
        JournalEntry e = JournalReader.read(journal).entries().get(0);
        Map<String, String> bs = new java.util.HashMap<>(e.beforeState());
        bs.put("contentBase64", Base64.getEncoder().encodeToString("numvcpus = \"64\"\n".getBytes(StandardCharsets.UTF_8)));
        JournalEntry tampered = new JournalEntry(e.seq(), e.vmId(), e.vmName(), e.ruleIds(), e.changes(), e.before(), bs,
                e.outcome(), e.detail(), e.after(), e.afterState());
        List<ApplyResult> u = session.undo(List.of(tampered), Progress.NONE);
        assertEquals(Outcome.FAILED, u.get(0).outcome());
        assertArrayEquals(fixed, Files.readAllBytes(vmx));
        assertNull(u.get(0).after());
    }
}
