package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.VmEvent;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.HypervisorKind;
import org.hvdiag.core.model.Vm;

/**
 * What evidence.ps1's answers become. The events are written the way Windows writes them: message
 * texts from the sources listed in {@link WorkerEventTable} (the 18590 text with its error codes and
 * "PreOSId" as an Azure support page quotes a real one; the turned-off and started texts from the
 * Hyper-V-Worker message templates), TimeCreated as DateTimeOffset.ToString("o") prints it with the
 * host's offset, record ids as a log numbers them. The German message is our translation, written to
 * prove the mapping never reads English words.
 */
class EvidenceMappingTest {
    static final String APP = "c4bb8df2-d263-4055-8b8a-274a0fc5e8db";
    static final String FS = "b7f45126-d295-4c49-a980-c64177a92a37";
    static final String WORKER = "Microsoft-Windows-Hyper-V-Worker-Admin";
    static final EvidenceWindow NOV_26 = new EvidenceWindow(Instant.parse("2026-11-26T00:00:00Z"),
            Instant.parse("2026-11-27T00:00:00Z"), EvidenceWindow.DEFAULT_MAX_BYTES_PER_VM);

    static Vm vm(String id, String name) {
        return Vm.builder(id, HypervisorKind.HYPERV).name(name).build();
    }

    static String event(String vm, String time, int id, int level, long record, String message, String data) {
        return "{\"VmId\":\"" + vm + "\",\"TimeCreated\":\"" + time + "\",\"Id\":" + id + ",\"Level\":" + level
                + ",\"ProviderName\":\"Microsoft-Windows-Hyper-V-Worker\",\"LogName\":\"" + WORKER + "\",\"RecordId\":" + record
                + ",\"Message\":\"" + message + "\",\"Data\":" + data + "}";
    }

    static String answer(String events, String vms, String logs) {
        return "{\"Events\":[" + events + "],\"Vms\":[" + vms + "],\"Logs\":[" + logs + "]}";
    }

    static String vmLine(String id, int events, long bytes, String cut) {
        return "{\"VmId\":\"" + id + "\",\"Events\":" + events + ",\"Bytes\":" + bytes + ",\"Cut\":"
                + (cut == null ? "null" : "\"" + cut + "\"") + "}";
    }

    static final String LOGS_OK = "{\"LogName\":\"" + WORKER + "\",\"Error\":null},"
            + "{\"LogName\":\"Microsoft-Windows-Hyper-V-VMMS-Admin\",\"Error\":null}";

    static final String CRASH = event(APP, "2026-11-26T14:37:52.6310846+01:00", 18590, 1, 4104,
            "\\u0027app-server-02\\u0027 has encountered a fatal error.  The guest operating system reported that it failed with "
                    + "the following error codes: ErrorCode0: 0xFE, ErrorCode1: 0x5, ErrorCode2: 0xFFFFA30F4C2E81A0, "
                    + "ErrorCode3: 0x80863B3C, ErrorCode4: 0xFFFFA30F4E9D2010.  PreOSId: 0.  If the problem persists, contact "
                    + "Product Support for the guest operating system.  (Virtual machine ID C4BB8DF2-D263-4055-8B8A-274A0FC5E8DB)",
            "{\"VmName\":\"app-server-02\",\"VmId\":\"C4BB8DF2-D263-4055-8B8A-274A0FC5E8DB\"}");
    static final String STARTED = event(APP, "2026-11-26T08:02:11.4409218+01:00", 18500, 4, 4103,
            "\\u0027app-server-02\\u0027 started successfully. (Virtual machine ID C4BB8DF2-D263-4055-8B8A-274A0FC5E8DB)",
            "{\"VmName\":\"app-server-02\",\"VmId\":\"C4BB8DF2-D263-4055-8B8A-274A0FC5E8DB\"}");

    static List<VmEvidence> map(List<Vm> vms, EvidenceWindow window, String json) throws HypervJsonException {
        return HypervEvidence.map(vms, window, EvidenceJsonReader.read(json, "hv1.example:5986"), "hv1.example:5986");
    }

    @Test
    void aGuestBugcheckBecomesAGuestCrashWithItsStopCodeAndParametersOldestFirst() throws Exception {
        // The host prints newest first; the evidence is oldest first.
        VmEvidence ev = map(List.of(vm(APP, "app-server-02")), NOV_26,
                answer(CRASH + "," + STARTED, vmLine(APP, 2, 1177, null), LOGS_OK)).get(0);
        assertEquals(2, ev.events().size(), ev.toString());
        assertInstanceOf(EventKind.PoweredOn.class, ev.events().get(0).kind());
        VmEvent crash = ev.events().get(1);
        EventKind.GuestCrashed k = assertInstanceOf(EventKind.GuestCrashed.class, crash.kind());
        assertEquals(0xFEL, k.stopCode().code());
        assertEquals("0xFE BUGCODE_USB_DRIVER", k.stopCode().toString());
        assertEquals("parameters 0x5, 0xFFFFA30F4C2E81A0, 0x80863B3C, 0xFFFFA30F4E9D2010", k.detail());
        assertEquals("2026-11-26T14:37:52.631084600+01:00", crash.time().toString(), "the host's offset is kept");
        assertEquals(WORKER, crash.source().location());
        assertEquals(4104, crash.source().line(), "the record id finds the event in Event Viewer");
        assertTrue(crash.rawLine().startsWith(WORKER + " 18590: 'app-server-02' has encountered a fatal error."), crash.rawLine());
        assertEquals(1177, ev.bytesRead());
        assertTrue(ev.hasAbnormalStop());
        assertTrue(ev.notes().contains(HypervEvidence.NO_USB), ev.notes().toString());
    }

    @Test
    void kindsComeFromTheIdsNotFromEnglishWords() throws Exception {
        // A German host: same ids and EventData names, its own words (our translation, for the test).
        String off = event(FS, "2026-11-26T18:21:09.3380529+01:00", 18502, 4, 88,
                "\\u0027file-server-01\\u0027 wurde ausgeschaltet. (ID des virtuellen Computers B7F45126-D295-4C49-A980-C64177A92A37)",
                "{\"VmName\":\"file-server-01\",\"VmId\":\"B7F45126-D295-4C49-A980-C64177A92A37\"}");
        String crash = event(FS, "2026-11-26T18:20:00.0000000+01:00", 18590, 1, 87,
                "\\u0027file-server-01\\u0027 hat einen schwerwiegenden Fehler festgestellt.",
                "{\"VmName\":\"file-server-01\",\"VmId\":\"B7F45126-D295-4C49-A980-C64177A92A37\",\"ErrorCode0\":\"0x9f\"}");
        VmEvidence ev = map(List.of(vm(FS, "file-server-01")), NOV_26, answer(off + "," + crash, vmLine(FS, 2, 700, null), LOGS_OK))
                .get(0);
        EventKind.GuestCrashed k = assertInstanceOf(EventKind.GuestCrashed.class, ev.events().get(0).kind());
        assertEquals("0x9F DRIVER_POWER_STATE_FAILURE", k.stopCode().toString(), "ErrorCode0 by name, no English needed");
        assertInstanceOf(EventKind.HardPowerOff.class, ev.events().get(1).kind());
    }

    @Test
    void aCrashWithoutErrorCodesIsStillACrashWithoutAStopCode() throws Exception {
        String bare = event(APP, "2026-11-26T10:00:00.0000000+01:00", 18590, 1, 5, "", "{}");
        VmEvidence ev = map(List.of(vm(APP, "app-server-02")), NOV_26, answer(bare, vmLine(APP, 1, 300, null), LOGS_OK)).get(0);
        EventKind.GuestCrashed k = assertInstanceOf(EventKind.GuestCrashed.class, ev.events().get(0).kind());
        assertNull(k.stopCode());
        assertEquals("", k.detail());
    }

    @Test
    void unknownIdsAreLeftOutMissingDataIsNoErrorAndBrokenRecordsAreNamed() throws Exception {
        String unknown = event(APP, "2026-11-26T09:00:00.0000000+01:00", 18609, 4, 10, "processor features", "{}");
        String noData = "{\"VmId\":\"" + APP + "\",\"TimeCreated\":\"2026-11-26T09:30:00.0000000+01:00\",\"Id\":18514,"
                + "\"Level\":4,\"LogName\":\"" + WORKER + "\",\"RecordId\":11,\"Message\":null}";
        String badTime = event(APP, "26.11.2026 09:45:00", 18502, 4, 12, "x", "{}");
        VmEvidence ev = map(List.of(vm(APP, "app-server-02")), NOV_26,
                answer(unknown + "," + noData + "," + badTime, vmLine(APP, 3, 900, null), LOGS_OK)).get(0);
        assertEquals(1, ev.events().size(), ev.toString());
        EventKind.StoppedNormally k = assertInstanceOf(EventKind.StoppedNormally.class, ev.events().get(0).kind());
        assertEquals("restarted by the guest operating system", k.reason());
        assertTrue(ev.notes().stream().anyMatch(n -> n.startsWith("event record 12 of " + WORKER + " left out:")
                && n.contains("26.11.2026 09:45:00")), ev.notes().toString());
    }

    @Test
    void eventsOutsideTheWindowAreLeftOutWithANote() throws Exception {
        String early = event(APP, "2026-11-25T23:59:59.9000000+00:00", 18500, 4, 3, "x", "{}");
        VmEvidence ev = map(List.of(vm(APP, "app-server-02")), NOV_26, answer(early + "," + CRASH, vmLine(APP, 2, 900, null),
                LOGS_OK)).get(0);
        assertEquals(1, ev.events().size());
        assertTrue(ev.notes().contains("1 event(s) the host returned lie outside the window: left out"), ev.notes().toString());
    }

    @Test
    void boundsTheHostReachedAreNotes() throws Exception {
        List<VmEvidence> ev = map(List.of(vm(APP, "app-server-02"), vm(FS, "file-server-01")), NOV_26.withMaxBytesPerVm(600),
                answer(CRASH, vmLine(APP, 1, 560, "MaxBytesPerVm") + "," + vmLine(FS, 0, 0, "MaxEvents"), LOGS_OK));
        assertTrue(ev.get(0).notes().contains("read bound of 600 bytes reached: older events in the window not read "
                + "(1 newest events, 560 bytes)"), ev.get(0).notes().toString());
        assertTrue(ev.get(1).notes().contains("older events in the window left out: only the newest 10000 are kept"),
                ev.get(1).notes().toString());
    }

    @Test
    void aLogThatCannotBeReadAndAVmTheHostDidNotAnswerForAreNotesInTheOrderAsked() throws Exception {
        String logs = "{\"LogName\":\"" + WORKER + "\",\"Error\":null},{\"LogName\":\"Microsoft-Windows-Hyper-V-VMMS-Admin\","
                + "\"Error\":\"There is not an event log on the localhost computer that matches \\\"Microsoft-Windows-Hyper-V-VMMS-Admin\\\".\"}";
        List<VmEvidence> ev = map(List.of(vm(FS, "file-server-01"), vm(APP, "app-server-02")), NOV_26,
                answer(CRASH, vmLine(APP, 1, 560, null), logs));
        assertEquals(List.of(FS, APP), ev.stream().map(VmEvidence::vmId).toList());
        assertTrue(ev.get(0).notes().contains("the host's answer says nothing about this VM (hv1.example:5986)"), ev.get(0).notes().toString());
        for (VmEvidence e : ev) {
            assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("could not read the event log Microsoft-Windows-Hyper-V-VMMS-Admin on "
                    + "hv1.example:5986: There is not an event log")), e.notes().toString());
        }
        assertEquals(1, ev.get(1).events().size(), "the worker log still counts");
    }

    @Test
    void aSingleEventConvertToJsonLeftUnwrappedIsRead() throws Exception {
        // ConvertTo-Json of @($list) with one item still writes a list; a script without @() would not.
        String json = "{\"Events\":" + CRASH + ",\"Vms\":" + vmLine(APP, 1, 560, null) + ",\"Logs\":null}";
        assertEquals(1, map(List.of(vm(APP, "app-server-02")), NOV_26, json).get(0).events().size());
    }

    @Test
    void anAnswerCutShortIsRefusedSayingSo() {
        String whole = answer(CRASH + "," + STARTED, vmLine(APP, 2, 1177, null), LOGS_OK);
        HypervJsonException e = assertThrows(HypervJsonException.class,
                () -> EvidenceJsonReader.read(whole.substring(0, whole.length() / 2), "hv1.example:5986"));
        assertTrue(e.getMessage().contains("the event logs of hv1.example:5986") && e.getMessage().contains("not JSON")
                && e.getMessage().contains("cut short"), e.getMessage());
        assertThrows(HypervJsonException.class, () -> EvidenceJsonReader.read("", "hv1.example:5986"));
        assertThrows(HypervJsonException.class, () -> EvidenceJsonReader.read("[1,2]", "hv1.example:5986"));
    }

    @Test
    void everyMappedIdHasAKindAndTheTableDrivesTheQuery() {
        for (int id : WorkerEventTable.ids()) {
            WinEvent e = new WinEvent(APP, java.time.OffsetDateTime.parse("2026-11-26T10:00:00+01:00"), id, 4,
                    "Microsoft-Windows-Hyper-V-Worker", WORKER, 1, "", java.util.Map.of());
            EventKind k = WorkerEventTable.kind(e);
            assertTrue(k != null && !k.isUsb(), id + " -> " + k);
        }
        assertNull(WorkerEventTable.kind(new WinEvent(APP, java.time.OffsetDateTime.parse("2026-11-26T10:00:00+01:00"), 18609, 4,
                "", WORKER, 1, "", java.util.Map.of())));
        assertTrue(WorkerEventTable.ids().size() <= WorkerEventTable.MAX_FILTER_IDS, "Get-WinEvent would silently return nothing");
        String q = new EvidenceQuery(List.of(APP.toUpperCase()), NOV_26, 10_000).json();
        assertTrue(q.contains("\"VmIds\":[\"" + APP + "\"]") && q.contains("\"StartTime\":\"2026-11-26T00:00:00Z\"")
                && q.contains("\"Ids\":[18500,18502,") && q.contains("\"MaxBytesPerVm\":8388608"), q);
    }
}
