package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.StopCode;

/**
 * The Hyper-V event ids hvdiag reads, what each means, and the event kind it becomes: the one place
 * both the query (which ids evidence.ps1 asks Get-WinEvent for) and the mapping come from.
 * <p>
 * The kind follows the id, never the message's words: a host in German or Japanese writes the same
 * ids and EventData names in its own language's messages. Only the stop code falls back to the
 * message ("ErrorCode0: 0xFE"), when the event's data does not carry it by name.
 * <p>
 * Sources (the English texts below are theirs):
 * <ul>
 * <li>Message templates with the EventData names VmName, VmId, Reason: the Hyper-V-Worker entries
 * (18500, 18502, 18504, 18508, 18512, 18514) of an EvtxECmd-style event map found through the
 * code search ("Hyper-V VM turned off": "%VmName% was turned off. (Virtual machine ID %VmId%)").</li>
 * <li>Guest error ids and their symbolic names (MSVM_GUEST_CRASH_REPORT 18590,
 * MSVM_TRIPLE_FAULT_GENERAL_ERROR 18539, ..._UNSUPPORTED_FEATURE_ERROR 18540,
 * ..._INVALID_VP_REGISTER_ERROR 18550, ..._UNRECOVERABLE_EXCEPTION_ERROR 18560,
 * MSVM_GUEST_CRASH_DUMP_SUCCESS 18602, ..._FAILURE 18604, MSVM_GUEST_RESET_SUCCESS 18514, the UEFI
 * watchdog 18600): an Azure Hyper-V troubleshooting guide's event reference, with the messages.</li>
 * <li>18590's level (Critical) and channel Microsoft-Windows-Hyper-V-Worker-Admin: Microsoft support
 * article "VM shutdown actions don't run when a host shuts down because of a low battery"
 * (KB 3058418); its full text "... ErrorCode0: 0xD1, ErrorCode1: 0xFFFFE609207FD050, ErrorCode2:
 * 0x2, ErrorCode3: 0x0, ErrorCode4: 0xFFFFF80156F612D0. PreOSId: 0. If the problem persists,
 * contact Product Support for the guest operating system. (Virtual machine ID ...)" from an Azure
 * support wiki page.</li>
 * </ul>
 * Not mapped: VMMS's "worker process exited unexpectedly" (no source read confirmed its id), saved
 * and paused states (not a stop the guest suffered). USB: Hyper-V has no USB passthrough to a VM;
 * USB devices reach a guest only through Enhanced Session (RDP) redirection, which these logs do not
 * record, so no Hyper-V event is a USB event.
 */
final class WorkerEventTable {
    static final String WORKER_ADMIN = "Microsoft-Windows-Hyper-V-Worker-Admin";
    static final String VMMS_ADMIN = "Microsoft-Windows-Hyper-V-VMMS-Admin";
    /** The logs evidence.ps1 reads; VMMS-Admin has no mapped id yet, so it adds only a check that it is readable. */
    static final List<String> LOGS = List.of(WORKER_ADMIN, VMMS_ADMIN);

    /** One id: the text Windows writes (English), and the kind. */
    record Entry(int id, String text, Function<WinEvent, EventKind> kind) {
    }

    private static final Pattern ERROR_CODE = Pattern.compile("ErrorCode([0-4])\\s*:\\s*(0x[0-9A-Fa-f]+|\\d+)");

    private static final Map<Integer, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(18500, "'%VmName%' started successfully.", e -> new EventKind.PoweredOn());
        add(18502, "'%VmName%' was turned off.", e -> new EventKind.HardPowerOff("Turn Off (Hyper-V Manager, Stop-VM -TurnOff)"));
        add(18504, "'%VmName%' was shut down using the Shutdown Integration Component.",
                e -> new EventKind.StoppedNormally(withReason("shut down through the Shutdown integration service", e)));
        add(18508, "'%VmName%' was shut down by the guest operating system.",
                e -> new EventKind.StoppedNormally(withReason("shut down by the guest operating system", e)));
        add(18512, "'%VmName%' was reset using Hyper-V Manager.", e -> new EventKind.HardPowerOff("a reset from Hyper-V Manager"));
        // A guest restart: what every update reboot writes too. A crash before it has its own event (18590).
        add(18514, "'%VmName%' was reset by the guest operating system.",
                e -> new EventKind.StoppedNormally("restarted by the guest operating system"));
        add(18539, "triple fault (general error)",
                e -> new EventKind.StoppedAbnormally("reset after a triple fault (Hyper-V event 18539)"));
        add(18540, "'%VmName%' was reset because the guest operating system requested an operation that is not supported by Hyper-V.",
                e -> new EventKind.StoppedAbnormally("reset: the guest requested an operation Hyper-V does not support (triple fault)"));
        add(18550, "'%VmName%' was reset because an unrecoverable error occurred on a virtual processor that caused a triple fault.",
                e -> new EventKind.StoppedAbnormally("reset after an unrecoverable error on a virtual processor (triple fault, invalid register state)"));
        add(18560, "'%VmName%' was reset because an unrecoverable error occurred on a virtual processor that caused a triple fault.",
                e -> new EventKind.StoppedAbnormally("reset after an unrecoverable error on a virtual processor (triple fault)"));
        add(18590, "'%VmName%' has encountered a fatal error. The guest operating system reported that it failed with the "
                + "following error codes: ErrorCode0: 0x..., ErrorCode1: 0x..., ...",
                e -> new EventKind.GuestCrashed(stopCode(e), parameters(e)));
        add(18600, "'%VmName%' has encountered a watchdog timeout and was reset.",
                e -> new EventKind.StoppedAbnormally("reset by the UEFI boot watchdog: the guest did not finish booting in time"));
        add(18602, "'%VmName%' has encountered a fatal error and a memory dump has been generated.",
                e -> new EventKind.GuestCrashed(stopCode(e), "memory dump written"));
        add(18604, "'%VmName%' has encountered a fatal error but a memory dump could not be generated.",
                e -> new EventKind.GuestCrashed(stopCode(e), "no memory dump could be written"));
    }

    private WorkerEventTable() {
    }

    private static void add(int id, String text, Function<WinEvent, EventKind> kind) {
        ENTRIES.put(id, new Entry(id, text, kind));
    }

    /**
     * At most this many ids in one -FilterHashtable: Windows PowerShell silently returns nothing for a
     * longer Id array (PowerShell issue 12303, "Array Length Limited To 20"; the event log API refuses
     * more than about 22 clauses, elastic/beats issue 1491). A longer table must be split into queries.
     */
    static final int MAX_FILTER_IDS = 20;

    /** The ids evidence.ps1 passes to Get-WinEvent's -FilterHashtable Id. */
    static List<Integer> ids() {
        return List.copyOf(ENTRIES.keySet());
    }

    static Entry entry(int id) {
        return ENTRIES.get(id);
    }

    /** The event's kind; null for an id hvdiag does not map (left out, never guessed from its words). */
    static EventKind kind(WinEvent e) {
        Entry entry = ENTRIES.get(e.id());
        return entry == null ? null : entry.kind().apply(e);
    }

    /** ErrorCode0 by name in the event data, else from the message; null when neither has it. */
    static StopCode stopCode(WinEvent e) {
        String code = errorCode(e, 0);
        return code.isEmpty() ? null : StopCode.parse(code);
    }

    /** "parameters 0x..., 0x..., 0x..., 0x..." from ErrorCode1..4, "" when the event has none. */
    private static String parameters(WinEvent e) {
        List<String> p = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String c = errorCode(e, i);
            if (!c.isEmpty()) {
                p.add(c);
            }
        }
        return p.isEmpty() ? "" : "parameters " + String.join(", ", p);
    }

    private static String errorCode(WinEvent e, int n) {
        String named = e.data("ErrorCode" + n);
        if (!named.isEmpty()) {
            return named;
        }
        Matcher m = ERROR_CODE.matcher(e.message());
        while (m.find()) {
            if (Integer.parseInt(m.group(1)) == n) {
                return m.group(2).toLowerCase(Locale.ROOT).startsWith("0x") ? "0x" + m.group(2).substring(2).toUpperCase(Locale.ROOT)
                        : m.group(2);
            }
        }
        return "";
    }

    private static String withReason(String what, WinEvent e) {
        String reason = e.data("Reason");
        return reason.isEmpty() ? what : what + " (reason: " + reason + ")";
    }
}
