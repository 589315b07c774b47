package org.hvdiag.vmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Credentials;
import org.hvdiag.core.connector.Endpoint;
import org.hvdiag.core.connector.Progress;
import org.hvdiag.core.connector.Session;
import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.Vm;

/** Evidence from the vmware.log files beside .vmx files: the repository's lab and made-up folders. */
class VmxEvidenceTest {
    /** The lab's logs are dated 2026-11-26 to 2026-11-30 (UTC). */
    static final EvidenceWindow LAB_WEEK = new EvidenceWindow(Instant.parse("2026-11-25T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);

    static Map<String, VmEvidence> lab;

    @TempDir
    Path dir;

    static Path labFolder() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("examples").resolve("lab"))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException("no examples/lab above " + Path.of("").toAbsolutePath());
        }
        return d.resolve("examples").resolve("lab");
    }

    static List<VmEvidence> evidence(Path target, EvidenceWindow window) throws ConnectorException {
        try (Session s = new VmxConnector().connect(Endpoint.of(target.toString()), Credentials.none())) {
            List<Vm> vms = s.inventory(Progress.NONE).vms();
            return s.evidence(vms, window, Progress.NONE);
        }
    }

    @BeforeAll
    static void readLab() throws ConnectorException {
        lab = evidence(labFolder(), LAB_WEEK).stream()
                .collect(Collectors.toMap(e -> Path.of(e.vmId()).getFileName().toString(), Function.identity()));
    }

    private static List<String> labels(VmEvidence e) {
        return e.events().stream().map(v -> v.kind().label()).toList();
    }

    @Test
    void win7CadBlueScreensAfterTheDongleAndNextDayItsVmxDies() {
        VmEvidence e = lab.get("win7-cad.vmx");
        assertEquals(List.of("powered on", "USB connected", "guest crashed", "USB disconnected", "USB connected", "stopped",
                "powered on", "USB connected", "crashed"), labels(e), e.toString());
        VmEvent dongle = e.events().get(7);
        assertEquals("'Aladdin HASP HL 3.25' (0529:0001)",
                ((EventKind.UsbConnected) dongle.kind()).device().describe());
        VmEvent crash = e.events().get(8);
        // Seconds, not minutes, between the dongle and the VMX's death: what the evidence rule looks for.
        long seconds = java.time.Duration.between(dongle.instant(), crash.instant()).toSeconds();
        assertTrue(seconds >= 0 && seconds < 10, "seconds between connect and crash: " + seconds);
        assertTrue(((EventKind.StoppedAbnormally) crash.kind()).reason().contains("signal 11"));
        EventKind.GuestCrashed bsod = (EventKind.GuestCrashed) e.events().get(2).kind();
        assertEquals("0xFE BUGCODE_USB_DRIVER", bsod.stopCode().toString());
        // The 26th comes from the rotated file, the 27th from vmware.log.
        assertTrue(e.events().get(0).source().location().endsWith("vmware-0.log"));
        assertTrue(crash.source().location().endsWith("vmware.log"));
        assertEquals(List.of(), e.notes());
    }

    @Test
    void kioskWasHardPoweredOffAtTheEndOfEachOfItsLastFourRuns() {
        VmEvidence e = lab.get("kiosk-01.vmx");
        List<VmEvent> off = e.events().stream().filter(v -> v.kind() instanceof EventKind.HardPowerOff).toList();
        assertEquals(4, off.size());
        assertEquals(List.of("2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"),
                off.stream().map(v -> v.time().toLocalDate().toString()).toList());
        assertEquals(8, e.events().size(), "four power-ons and four hard power-offs, nothing else: " + labels(e));
    }

    @Test
    void win10DevsSerialAdapterFlapsFourTimesInAFewMinutes() {
        VmEvidence e = lab.get("win10-dev.vmx");
        List<VmEvent> usb = e.events().stream().filter(v -> v.kind().isUsb()).toList();
        assertEquals(8, usb.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(i % 2 == 0 ? "USB connected" : "USB disconnected", usb.get(i).kind().label());
        }
        assertTrue(usb.stream().allMatch(v -> v.rawLine().contains("067b")));
        long minutes = java.time.Duration.between(usb.get(0).instant(), usb.get(7).instant()).toMinutes();
        assertTrue(minutes <= 5, "flapping over " + minutes + " minutes");
    }

    @Test
    void cleanVmsJustStartAndStopAndVmsWithoutLogsSaySo() {
        assertEquals(List.of("powered on", "stopped"), labels(lab.get("web-01.vmx")));
        assertEquals(List.of("powered on", "USB connected", "USB disconnected", "stopped"), labels(lab.get("win11-clean.vmx")));
        assertEquals(List.of("powered on"), labels(lab.get("ubuntu22-clean.vmx")));
        VmEvidence none = lab.get("debian12-clean.vmx");
        assertEquals(List.of(), none.events());
        assertTrue(none.notes().get(0).startsWith("no vmware.log beside the .vmx"), none.notes().toString());
        assertTrue(none.vmId().endsWith("debian12-clean.vmx"), "the VM the note is about is named by its id");
    }

    @Test
    void outsideTheWindowNothingIsReported() throws ConnectorException {
        EvidenceWindow december = new EvidenceWindow(Instant.parse("2026-12-05T00:00:00Z"), Instant.parse("2026-12-12T00:00:00Z"),
                EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);
        for (VmEvidence e : evidence(labFolder(), december)) {
            assertEquals(List.of(), e.events(), e.vmName());
        }
    }

    private Path vm(String folder, String vmxText) throws IOException {
        Path f = Files.createDirectories(dir.resolve(folder));
        return Files.writeString(f.resolve(folder + ".vmx"), vmxText, StandardCharsets.UTF_8);
    }

    @Test
    void rotatedLogsAreOrderedByTheirFirstLineNotTheirNumberOrTheirFileTime() throws IOException, ConnectorException {
        Path vmx = vm("esx-style", "displayName = \"esx style\"\nguestOS = \"ubuntu-64\"\n");
        Path folder = vmx.getParent();
        // ESXi numbers rotations upwards: vmware-3.log is newer than vmware-2.log.
        Files.writeString(folder.resolve("vmware-2.log"),
                "2026-11-26T10:00:00.000Z In(05) vmx - Log for VMware ESX pid=1 version=8.0.3 build=build-1 option=Release\n");
        Files.writeString(folder.resolve("vmware-3.log"),
                "2026-11-27T10:00:00.000Z In(05) vmx - Log for VMware ESX pid=2 version=8.0.3 build=build-1 option=Release\n"
                        + "2026-11-27T11:00:00.000Z In(05) vmx - VMX has left the building: 0.\n");
        Files.writeString(folder.resolve("vmware.log"),
                "2026-11-28T10:00:00.000Z In(05) vmx - Log for VMware ESX pid=3 version=8.0.3 build=build-1 option=Release\n");
        // A copy that reversed the file times must not reverse the story.
        Files.setLastModifiedTime(folder.resolve("vmware-2.log"), FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
        Files.setLastModifiedTime(folder.resolve("vmware-3.log"), FileTime.from(Instant.parse("2026-11-01T00:00:00Z")));
        VmEvidence e = evidence(vmx, LAB_WEEK).get(0);
        assertEquals(List.of("2026-11-26T10:00Z", "2026-11-27T10:00Z", "2026-11-27T11:00Z", "2026-11-28T10:00Z"),
                e.events().stream().map(v -> v.time().toString()).toList());
    }

    @Test
    void yearlessOldLogsGiveANoteInsteadOfGuessedDates() throws IOException, ConnectorException {
        Path vmx = vm("old", "displayName = \"old\"\n");
        Files.writeString(vmx.resolveSibling("vmware.log"), """
                Oct 25 23:09:41: vmx| Unexpected signal: 11.
                Oct 25 23:09:42: vmx| Msg_Post: Error
                Oct 25 23:09:42: vmx| [msg.log.error.unrecoverable] VMware Player unrecoverable error: (vmx)
                """);
        VmEvidence e = evidence(vmx, LAB_WEEK).get(0);
        assertEquals(List.of(), e.events());
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("3 line(s) in the old layout without a year")), e.notes().toString());
    }

    @Test
    void theByteBoundReadsOnlyTheTail() throws IOException, ConnectorException {
        Path vmx = vm("chatty", "displayName = \"chatty\"\n");
        StringBuilder b = new StringBuilder();
        b.append("2026-11-26T08:00:00.000Z In(05) vmx Log for VMware Workstation pid=1 version=17.5.2 build=build-23775571 option=Release\n");
        for (int i = 0; i < 2000; i++) {
            b.append("2026-11-26T09:00:00.000Z In(05) vcpu-0 Tools: [RunningStatus] Last heartbeat value 1 (last received 0s ago)\n");
        }
        b.append("2026-11-26T18:00:00.000Z In(05) vmx VMX has left the building: 0.\n");
        Files.writeString(vmx.resolveSibling("vmware.log"), b);
        VmEvidence e = evidence(vmx, LAB_WEEK.withMaxBytesPerVm(4096)).get(0);
        assertEquals(List.of("stopped"), labels(e));
        // LogTail reads one byte before its start to know whether the first line it sees is whole.
        assertTrue(e.bytesRead() <= 4096 + 1, "read " + e.bytesRead());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("(the read bound)")), e.notes().toString());
    }

    /** A folder of {@code count} VMs, each with a vmware.log with one power-on at its own minute. */
    private Path fleet(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Path vm = Files.createDirectories(dir.resolve(String.format("vm-%02d", i)));
            Files.writeString(vm.resolve("vm.vmx"), "displayName = \"vm-" + i + "\"\nguestOS = \"windows9-64\"\n");
            Files.writeString(vm.resolve("vmware.log"), String.format(
                    "2026-11-27T10:%02d:00.000Z In(05) vmx Log for VMware Workstation pid=%d version=17.5.2 build=build-23775571 option=Release%n"
                    + "2026-11-27T10:%02d:01.000Z In(05) vmx Hostname=BENCH%n", i, 100 + i, i));
        }
        return dir;
    }

    @Test
    void aFleetIsReadInTheVmsOrderWhateverThreadReadsEach() throws Exception {
        int count = 30;
        try (Session s = new VmxConnector().connect(Endpoint.of(fleet(count).toString()), Credentials.none())) {
            List<Vm> vms = s.inventory(Progress.NONE).vms();
            int[] worked = {0};
            List<VmEvidence> read = s.evidence(vms, LAB_WEEK, new Progress() {
                @Override public void begin(String task, int totalWork) { }
                @Override public void worked(int units) { worked[0] += units; }
                @Override public boolean isCanceled() { return false; }
            });
            assertEquals(count, read.size());
            assertEquals(count, worked[0]);
            for (int i = 0; i < count; i++) {
                assertEquals(vms.get(i).id(), read.get(i).vmId());
                assertEquals(1, read.get(i).events().size(), read.get(i).toString());
                int minute = Integer.parseInt(Path.of(vms.get(i).id()).getParent().getFileName().toString().substring(3));
                assertEquals(minute, read.get(i).events().get(0).time().getMinute());
            }
        }
    }

    @Test
    void cancellingStopsStartingReadsAndEveryVmStillHasItsRow() throws Exception {
        int count = 30;
        try (Session s = new VmxConnector().connect(Endpoint.of(fleet(count).toString()), Credentials.none())) {
            List<Vm> vms = s.inventory(Progress.NONE).vms();
            int[] worked = {0};
            List<VmEvidence> read = s.evidence(vms, LAB_WEEK, new Progress() {
                @Override public void begin(String task, int totalWork) { }
                @Override public void worked(int units) { worked[0] += units; }
                @Override public boolean isCanceled() { return worked[0] >= 3; }
            });
            assertEquals(count, read.size());
            int done = 0;
            for (int i = 0; i < count; i++) {
                assertEquals(vms.get(i).id(), read.get(i).vmId());
                boolean cancelled = read.get(i).notes().contains("not read: the evidence read was cancelled");
                if (!cancelled) {
                    assertEquals(done, i, "the VMs read come first");
                    done++;
                }
            }
            assertEquals(worked[0], done, "each VM read is reported");
            // reads already started finish: at most the in-flight reads after the third
            assertTrue(done >= 3 && done <= 3 + 2 * 4, "read " + done);
        }
    }
}
