package org.hvdiag.vmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.change.ChangeSupport;
import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.model.HardwareVersion;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Inventory;
import org.hvdiag.core.model.ObjectError;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.Vm;

class VmxConnectorTest {
    @TempDir
    Path dir;

    private final VmxConnector connector = new VmxConnector();

    private static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    }

    private Inventory inventory(String target, Progress progress) throws ConnectorException {
        try (Session s = connector.connect(Endpoint.of(target), Credentials.none())) {
            return s.inventory(progress);
        }
    }

    @Test
    void identity() {
        assertEquals("vmx", connector.id());
        assertEquals(HypervisorKind.VMWARE_WORKSTATION, connector.hypervisor());
    }

    @Test
    void acceptsExistingVmxFilesAndFolders() throws IOException {
        Path vmx = write(dir.resolve("a.vmx"), "numvcpus = \"1\"\n");
        Path other = write(dir.resolve("a.vbox"), "<xml/>");
        assertTrue(connector.accepts(vmx.toString()));
        assertTrue(connector.accepts(dir.toString()));
        assertFalse(connector.accepts(other.toString()));
        assertFalse(connector.accepts(dir.resolve("missing.vmx").toString()));
        assertFalse(connector.accepts("vsphere://admin@vc01"));
        assertFalse(connector.accepts("file://" + dir));
        assertFalse(connector.accepts(""));
    }

    @Test
    void everyChangeNeedsThePowerOffAndOhciIsNotVmwares() {
        List<ConfigChange> all = List.of(new ConfigChange.AddUsbController(UsbControllerType.XHCI),
                new ConfigChange.AddUsbController(UsbControllerType.EHCI),
                new ConfigChange.AddUsbController(UsbControllerType.UHCI),
                new ConfigChange.RemoveUsbController("usb", UsbControllerType.UHCI),
                new ConfigChange.RemoveUsbDevice("usb_xhci:4", "hid"),
                new ConfigChange.RemoveUsbFilter("usb.autoConnect.device0", ""),
                new ConfigChange.SetAutoConnect("usb.generic.autoconnect", false),
                new ConfigChange.UpgradeHardwareVersion(HardwareVersion.vmx(19)),
                new ConfigChange.SetCpuHotAdd(false), new ConfigChange.SetMemoryHotAdd(false),
                new ConfigChange.SetVcpus(2), new ConfigChange.SetMemory(2048),
                new ConfigChange.SetAdvancedSetting("devices.hotplug", "FALSE"));
        for (ConfigChange c : all) {
            assertEquals(ChangeSupport.POWERED_OFF_ONLY, connector.support(c), c.describe());
        }
        assertEquals(ChangeSupport.UNSUPPORTED, connector.support(new ConfigChange.AddUsbController(UsbControllerType.OHCI)));
        assertEquals(ChangeSupport.UNSUPPORTED, connector.support(
                new ConfigChange.UpgradeHardwareVersion(new HardwareVersion(HardwareVersion.Family.HYPERV, 9, 0))));
    }

    @Test
    void defaultFolderIsUnderTheUsersHome() {
        Path f = VmxConnector.defaultFolder();
        assertTrue(f.isAbsolute() || f.toString().startsWith(System.getProperty("user.home")), f.toString());
    }

    @Test
    void inventoryReadsAFolderTreeSortedByPathAndSkipsLockFolders() throws Exception {
        write(dir.resolve("b/b.vmx"), "displayName = \"B\"\nnumvcpus = \"2\"\n");
        write(dir.resolve("a/deep/er/a.vmx"), "displayName = \"A\"\n");
        write(dir.resolve("c/c.vmx.lck/M12345.vmx"), "displayName = \"inside a lock\"\n");
        write(dir.resolve("c/c.vmx"), "displayName = \"C\"\n");
        write(dir.resolve("c/c.vmxf"), "<Foundry/>");
        write(dir.resolve("c/c.vmx~"), "displayName = \"backup\"\n");
        List<String> tasks = new ArrayList<>();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger worked = new AtomicInteger();
        Progress p = new Progress() {
            @Override public void begin(String task, int totalWork) { tasks.add(task); total.set(totalWork); }
            @Override public void worked(int units) { worked.addAndGet(units); }
            @Override public boolean isCanceled() { return false; }
        };
        Inventory inv = inventory(dir.toString(), p);
        assertEquals(List.of("A", "B", "C"), inv.vms().stream().map(Vm::name).toList());
        assertEquals(List.of(), inv.errors());
        assertEquals(dir.toString(), inv.target());
        assertEquals(1, inv.hosts().size());
        assertEquals("local", inv.vms().get(0).hostId());
        assertEquals("local", inv.hosts().get(0).id());
        assertEquals(3, total.get());
        assertEquals(3, worked.get());
        assertEquals(1, tasks.size());
        assertTrue(inv.vms().get(2).powerState().toString().equals("POWERED_ON"), "c has a lock folder");
    }

    @Test
    void badFilesAreErrorsAndTheOthersAreStillRead() throws Exception {
        write(dir.resolve("good/good.vmx"), "displayName = \"good\"\n");
        write(dir.resolve("quote/q.vmx"), "a = \"1\"\ndisplayName = \"oops\n");
        write(dir.resolve("dup/d.vmx"), "numvcpus = \"1\"\nmemsize = \"1\"\nnumvcpus = \"2\"\n");
        write(dir.resolve("syntax/s.vmx"), "just words\n");
        Files.write(dir.resolve("bin.vmx"), new byte[] {'M', 'Z', 0, 0, 3});
        Files.createDirectories(dir.resolve("long"));
        Files.write(dir.resolve("long/l.vmx"), ("a = \"" + "x".repeat(70_000) + "\"\n").getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("enc/e.vmx"), ".encoding = \"x-unknown\"\n");
        Files.createSymbolicLink(dir.resolve("x.vmx"), dir.resolve("nowhere.vmx"));
        Files.createDirectory(dir.resolve("y.vmx"));
        write(dir.resolve("y.vmx/inner.vmx"), "displayName = \"inner\"\n");
        Inventory inv = inventory(dir.toString(), Progress.NONE);
        // q.vmx has one damaged line: it is a VM with an error beside it, not an error instead of a VM.
        assertEquals(List.of("good", "q.vmx", "inner"), inv.vms().stream().map(Vm::name).toList());
        List<String> errors = inv.errors().stream().map(ObjectError::toString).toList();
        assertEquals(List.of(
                dir.resolve("bin.vmx") + ": line 1: not a .vmx text file (binary data: a NUL byte; expected text lines of key = \"value\")",
                dir.resolve("dup/d.vmx") + ": line 3: duplicate key 'numvcpus' (first at line 1)",
                dir.resolve("enc/e.vmx") + ": line 1: unknown encoding 'x-unknown' (expected a charset name such as UTF-8, windows-1252 or Shift_JIS, "
                        + "or one of VMware's own such as windows-949-2000)",
                dir.resolve("long/l.vmx") + ": line 1: line longer than 64 KiB (expected key = \"value\" lines of a .vmx file)",
                dir.resolve("quote/q.vmx") + ": line 2: ignored: unterminated quoted value (expected key = \"value\"); "
                        + "VMware reads no setting from such a line, so the VM is audited without displayName",
                dir.resolve("syntax/s.vmx") + ": line 1: not a setting (expected key = \"value\")",
                dir.resolve("x.vmx") + ": cannot read: it is a link to a file that does not exist",
                dir.resolve("y.vmx") + ": is a folder, not a file (expected a .vmx text file)"), errors);
    }

    @Test
    void anEncryptedVmIsAnErrorAndNotAVm() throws Exception {
        write(dir.resolve("plain/plain.vmx"), "displayName = \"plain\"\nusb.present = \"TRUE\"\n");
        Path locked = write(dir.resolve("locked/locked.vmx"), ".encoding = \"UTF-8\"\ndisplayName = \"locked\"\n"
                + "encryption.keySafe = \"vmware:key/list/(pair/(phrase/abc%3d,HMAC%2dSHA%2d1,ZGF0YQ%253d%253d))\"\n"
                + "encryption.data = \"bm90IHJlYWRhYmxl\"\n");
        Inventory inv = inventory(dir.toString(), Progress.NONE);
        assertEquals(List.of("plain"), inv.vms().stream().map(Vm::name).toList());
        assertEquals(1, inv.errors().size());
        ObjectError e = inv.errors().get(0);
        assertEquals(locked.toString(), e.object());
        assertEquals("", e.location());
        assertTrue(e.message().startsWith("encrypted by vSphere/Workstation VM encryption"), e.message());
        assertTrue(e.message().contains("only readable through the hypervisor holding the key"), e.message());
    }

    @Test
    void aSingleFileTargetUsesItsFoldersHostProperties() throws Exception {
        Path vmx = write(dir.resolve("one/one.vmx"), "displayName = \"one\"\n");
        write(dir.resolve("one/hvdiag-host.properties"), "name = lab-host\ncores = 12\n");
        Inventory inv = inventory(vmx.toString(), Progress.NONE);
        assertEquals(1, inv.vms().size());
        assertEquals("lab-host", inv.hosts().get(0).name());
        assertEquals(12, inv.hosts().get(0).cpuCores());
    }

    @Test
    void hostOptionsReachTheInventory() throws Exception {
        write(dir.resolve("one.vmx"), "displayName = \"one\"\n");
        try (Session s = connector.connect(new Endpoint(dir.toString(), Map.of("host-threads", "6")), Credentials.none())) {
            assertEquals(6, s.inventory(Progress.NONE).hosts().get(0).cpuThreads());
        }
        assertThrows(ConnectorException.class,
                () -> connector.connect(new Endpoint(dir.toString(), Map.of("host-memory", "lots")), Credentials.none()));
    }

    @Test
    void aMissingTargetIsAConnectorError() {
        String missing = dir.resolve("nope").toString();
        ConnectorException e = assertThrows(ConnectorException.class, () -> inventory(missing, Progress.NONE));
        assertEquals("no such file or folder: " + missing, e.getMessage());
    }

    @Test
    void aLargeFolderIsReadOnTwoThreadsWithTheSameResult() throws Exception {
        for (int i = 0; i < 300; i++) {
            write(dir.resolve(String.format("vm%03d/vm%03d.vmx", i, i)), "displayName = \"vm" + i + "\"\nnumvcpus = \""
                    + (1 + i % 8) + "\"\n" + (i % 50 == 7 ? "broken line\n" : ""));
        }
        AtomicInteger worked = new AtomicInteger();
        Progress p = new Progress() {
            @Override public void begin(String task, int totalWork) { }
            @Override public void worked(int units) { worked.addAndGet(units); }
            @Override public boolean isCanceled() { return false; }
        };
        Inventory inv = inventory(dir.toString(), p);
        // Six files have a damaged line: each is still a VM, with its line reported.
        assertEquals(300, inv.vms().size());
        assertEquals(6, inv.errors().size());
        assertTrue(inv.errors().stream().allMatch(e -> e.location().equals("line 3")), inv.errors().toString());
        assertEquals(300, worked.get());
        for (int i = 1; i < inv.vms().size(); i++) {
            assertTrue(inv.vms().get(i - 1).id().compareTo(inv.vms().get(i).id()) < 0);
        }
        assertEquals(8, inv.vms().stream().filter(v -> v.name().equals("vm15")).findFirst().orElseThrow().vcpus());
    }

    @Test
    void aCancelledInventoryStops() throws Exception {
        for (int i = 0; i < 100; i++) {
            write(dir.resolve("vm" + i + ".vmx"), "numvcpus = \"1\"\n");
        }
        Progress cancelled = new Progress() {
            @Override public void begin(String task, int totalWork) { }
            @Override public void worked(int units) { }
            @Override public boolean isCanceled() { return true; }
        };
        ConnectorException e = assertThrows(ConnectorException.class, () -> inventory(dir.toString(), cancelled));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }
}
