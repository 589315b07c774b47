package org.hvdiag.virtualbox.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.LogParser;
import org.hvdiag.core.evidence.StopCode;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.model.UsbControllerType;
import org.hvdiag.core.model.UsbSpeed;

/**
 * One VBox.log (or VBox.log.N) of one VM process run. Every line starts with the time since the
 * process started ({@code HH:MM:SS.ffffff}, hours growing past 24; VirtualBox before 4.0 wrote
 * milliseconds), so a line's absolute time is the "Log opened" time plus its distance from that
 * line: the header (read even when only the tail is) gives the start. Without it no line has a
 * time and {@link #hasStart()} says so.
 * <p>
 * Where each line form comes from is in src/test/resources/vbox-logs/README.md. A parser also keeps
 * what the caller needs after the read: whether the log was closed ("End of log file"), the last
 * VM state it saw, and the last timed line, to tell a VM process that died.
 */
public final class VboxLogParser implements LogParser {
    /** Lines 1 and 2 ("VirtualBox VM ... release log", "Log opened ...") are well inside this. */
    static final int HEADER_BYTES = 4096;

    private static final Pattern TIME = Pattern.compile("^(\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3,9}) ?(.*)$");
    private static final Pattern OPENED = Pattern.compile("^Log opened (\\S+)");
    private static final Pattern STARTED = Pattern.compile(
            "^(End of log file|Log rotated|Log continuation) - Log started (\\S+)");
    private static final Pattern VERSION = Pattern.compile("^(?:Oracle )?(?:VM )?VirtualBox (?:VM )?(\\d+\\.\\d+\\.\\d+\\S*) r\\d+ .*release log");
    private static final Pattern STATE = Pattern.compile("^Changing the VM state from '(\\w+)' to '(\\w+)'");
    private static final Pattern POWER_DOWN = Pattern.compile("^Console::powerDown\\(\\): a request to power off the VM has been issued",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GURU = Pattern.compile("^!!\\s+(?:VCPU(\\d+): )?Guru Meditation (-?\\d+) \\((\\w+)\\)");
    private static final Pattern ATTACHED = Pattern.compile(
            "^VUSB: [Aa]ttached '(.*)' to port (\\d+)(?: on (\\S+) \\((\\w+)Speed\\))?");
    private static final Pattern DETACHED = Pattern.compile("^VUSB: [Dd]etached '(.*)' from port (\\d+)(?: on (\\S+))?");
    private static final Pattern ATTACH_FAILED = Pattern.compile("^VUSB: [Ff]ailed to attach '(.*)' to port (\\d+), rc=(\\S+)");
    private static final Pattern PROXY_FAILED = Pattern.compile(
            "aText=\\{Failed to create a proxy device for the USB device\\. \\(Error: (\\w+)\\)");
    private static final Pattern PROXY_NAME = Pattern.compile("\\[proxy ([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\\]");
    private static final Pattern HYPERV_CRASH = Pattern.compile(
            "^GIM: HyperV: Guest indicates a fatal condition! P0=(\\S+) P1=(\\S+) P2=(\\S+) P3=(\\S+) P4=(\\S+)");
    private static final Pattern BUGCHECK = Pattern.compile("^(?:\\w+: )?BugCheck ([0-9a-fA-F]+) \\{([^}]*)\\}");
    private static final Pattern CFGM_USB = Pattern.compile("^\\[/Devices/usb-(ohci|ehci|xhci)/\\d+/\\]");
    private static final Pattern RUNTIME_ERROR = Pattern.compile("^Console: VM runtime error: fatal=true, errorID=(\\S+)");

    /** States in which a VM runs or is about to; a stop from one of them is a stop worth an event. */
    private static final Set<String> UP = Set.of("CREATED", "LOADING", "POWERING_ON", "RESUMING", "RUNNING", "RUNNING_LS",
            "RESETTING", "RESETTING_LS", "SUSPENDING", "SUSPENDING_LS", "SUSPENDING_EXT_LS", "SUSPENDED", "SUSPENDED_LS",
            "SUSPENDED_EXT_LS", "DEBUGGING", "DEBUGGING_LS", "SOFT_RESETTING", "SOFT_RESETTING_LS");
    /** States an abnormal stop leaves the VM in ("GURU_MEDIATION" is how VirtualBox 2.x spelled it). */
    private static final Set<String> BROKEN = Set.of("GURU_MEDITATION", "GURU_MEDITATION_LS", "GURU_MEDIATION",
            "FATAL_ERROR", "FATAL_ERROR_LS");
    /** States after which the process ends on purpose. */
    private static final Set<String> DOWN = Set.of("POWERING_OFF", "POWERING_OFF_LS", "OFF", "OFF_LS", "DESTROYING",
            "TERMINATED", "SAVING");

    private Instant zero;
    private String version = "";
    private boolean closed;
    private boolean rotatedAway;
    private boolean relativeWithoutStart;
    private String state;
    private boolean stopRecorded;
    private boolean guruSeen;
    private String fatalError;
    private int linesSinceHyperVCrash = Integer.MAX_VALUE;
    private OffsetDateTime lastTime;
    private String lastLine = "";
    private final Set<UsbControllerType> controllers = new HashSet<>();
    private final Map<String, UsbDeviceSeen> attached = new HashMap<>();

    @Override
    public int headerBytes() {
        return HEADER_BYTES;
    }

    @Override
    public void header(String line) {
        Matcher t = TIME.matcher(line);
        if (t.matches()) {
            start(t.group(5), nanos(t));
        }
    }

    @Override
    public Parsed parse(String line) {
        Matcher t = TIME.matcher(line);
        if (!t.matches()) {
            return null;
        }
        long rel = nanos(t);
        String msg = t.group(5);
        start(msg, rel);
        Matcher m = STARTED.matcher(msg);
        if (m.find()) {
            closed |= m.group(1).equals("End of log file");
            rotatedAway |= m.group(1).equals("Log rotated");
        }
        if (zero == null) {
            relativeWithoutStart = true;
            return null;
        }
        OffsetDateTime time = OffsetDateTime.ofInstant(zero.plusNanos(rel), ZoneOffset.UTC);
        lastTime = time;
        lastLine = line;
        if (linesSinceHyperVCrash != Integer.MAX_VALUE) {
            linesSinceHyperVCrash++;
        }
        return new Parsed(time, kind(msg));
    }

    private EventKind kind(String msg) {
        Matcher m;
        if ((m = STATE.matcher(msg)).find()) {
            return stateChange(m.group(1), m.group(2));
        }
        if (POWER_DOWN.matcher(msg).find()) {
            // The GUI, VBoxManage controlvm poweroff and the API all power off through Console::powerDown.
            // Before the VM left a running state it is the admin pulling the plug; after a guest
            // shutdown (POWERING_OFF, OFF) it is only the process cleaning up.
            if (!stopRecorded && (state == null || UP.contains(state))) {
                stopRecorded = true;
                return new EventKind.HardPowerOff("a VirtualBox client (GUI, VBoxManage controlvm poweroff or the API: Console::powerDown)");
            }
            return null;
        }
        if ((m = GURU.matcher(msg)).find()) {
            guruSeen = true;
            stopRecorded = true;
            String where = m.group(1) == null ? "" : " on VCPU" + m.group(1);
            return new EventKind.StoppedAbnormally("Guru Meditation " + m.group(2) + " (" + m.group(3) + ")" + where);
        }
        if ((m = HYPERV_CRASH.matcher(msg)).find()) {
            linesSinceHyperVCrash = 0;
            return new EventKind.GuestCrashed(StopCode.parse(m.group(1)), "parameters " + m.group(2) + ", " + m.group(3)
                    + ", " + m.group(4) + ", " + m.group(5) + ", reported through the Hyper-V crash MSRs");
        }
        if ((m = BUGCHECK.matcher(msg)).find()) {
            // DBGF formats the bug check the GIM line just reported: one crash, one event.
            if (linesSinceHyperVCrash <= 3) {
                linesSinceHyperVCrash = Integer.MAX_VALUE;
                return null;
            }
            return new EventKind.GuestCrashed(StopCode.parse("0x" + m.group(1)), "parameters " + m.group(2).strip());
        }
        if ((m = ATTACHED.matcher(msg)).find()) {
            UsbDeviceSeen d = device(m.group(1), m.group(4));
            if (d == null) {
                return null;
            }
            attached.put(m.group(1), d);
            return new EventKind.UsbConnected(d);
        }
        if ((m = DETACHED.matcher(msg)).find()) {
            UsbDeviceSeen d = attached.remove(m.group(1));
            if (d == null) {
                d = device(m.group(1), null);
            }
            return d == null ? null : new EventKind.UsbDisconnected(d);
        }
        if ((m = ATTACH_FAILED.matcher(msg)).find()) {
            UsbDeviceSeen d = device(m.group(1), null);
            return d == null ? null : new EventKind.UsbConnectFailed(d, m.group(3));
        }
        if ((m = PROXY_FAILED.matcher(msg)).find()) {
            // The API error names no device (the GUI's dialog adds it): the rule still sees a failed attach.
            return new EventKind.UsbConnectFailed(UsbDeviceSeen.named(""),
                    "Failed to create a proxy device for the USB device (" + m.group(1) + ")");
        }
        if ((m = CFGM_USB.matcher(msg)).find()) {
            controllers.add(UsbControllerType.valueOf(m.group(1).toUpperCase(Locale.ROOT)));
            return null;
        }
        if ((m = RUNTIME_ERROR.matcher(msg)).find()) {
            fatalError = m.group(1);
        }
        return null;
    }

    private EventKind stateChange(String from, String to) {
        state = to;
        if (from.equals("CREATED") && (to.equals("POWERING_ON") || to.equals("LOADING"))) {
            stopRecorded = false;
            guruSeen = false;
            return new EventKind.PoweredOn();
        }
        if (BROKEN.contains(to)) {
            if (guruSeen || stopRecorded) {
                return null;
            }
            stopRecorded = true;
            if (to.startsWith("FATAL_ERROR")) {
                return new EventKind.StoppedAbnormally("fatal VM error" + (fatalError == null ? "" : " " + fatalError)
                        + " (state " + to + ")");
            }
            return new EventKind.StoppedAbnormally("Guru Meditation (state " + to + ")");
        }
        if (to.equals("SAVING") && !stopRecorded) {
            stopRecorded = true;
            return new EventKind.StoppedNormally("state saved");
        }
        if ((to.startsWith("POWERING_OFF") || to.equals("OFF")) && UP.contains(from) && !stopRecorded) {
            // No Console::powerDown before the VM left RUNNING: the guest powered itself off (ACPI S5).
            stopRecorded = true;
            return new EventKind.StoppedNormally("the guest powered off (ACPI shutdown)");
        }
        return null;
    }

    /** A host device passed through; null for VirtualBox's own emulated devices (HidMouse, HidKeyboard, ...). */
    private UsbDeviceSeen device(String instanceName, String speedWord) {
        Matcher p = PROXY_NAME.matcher(instanceName);
        if (!p.find()) {
            return null;
        }
        UsbControllerType controller = controllers.size() == 1 ? controllers.iterator().next() : null;
        return new UsbDeviceSeen(p.group(1), p.group(2), "", speed(speedWord), controller);
    }

    private static UsbSpeed speed(String word) {
        if (word == null) {
            return UsbSpeed.UNKNOWN;
        }
        return switch (word) {
            case "Low", "Full" -> UsbSpeed.USB_1_1;
            case "High" -> UsbSpeed.USB_2_0;
            case "Super", "SuperPlus" -> UsbSpeed.USB_3_X;
            default -> UsbSpeed.UNKNOWN;
        };
    }

    private void start(String msg, long rel) {
        Matcher v = VERSION.matcher(msg);
        if (v.find()) {
            version = v.group(1);
            return;
        }
        if (zero != null) {
            return;
        }
        Matcher o = OPENED.matcher(msg);
        if (o.find()) {
            zero = instant(o.group(1), rel);
            return;
        }
        // A file continued after a size rotation starts with the run's original open time; its distance
        // from the process start is not written there, so times may be early by that (about a second).
        Matcher s = STARTED.matcher(msg);
        if (s.find() && s.group(1).equals("Log continuation")) {
            zero = instant(s.group(2), 0);
        }
    }

    private static Instant instant(String iso, long rel) {
        try {
            return Instant.parse(iso).minusNanos(rel);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static long nanos(Matcher t) {
        String frac = t.group(4);
        long f = Long.parseLong(frac);
        for (int i = frac.length(); i < 9; i++) {
            f *= 10;
        }
        long seconds = Long.parseLong(t.group(1)) * 3600 + Long.parseLong(t.group(2)) * 60 + Long.parseLong(t.group(3));
        return seconds * 1_000_000_000L + f;
    }

    /** Whether a "Log opened" (or continuation) line gave the absolute start. */
    public boolean hasStart() {
        return zero != null;
    }

    /** Whether timed lines came before any start was known: they could not be placed in time. */
    public boolean hadLinesWithoutStart() {
        return relativeWithoutStart;
    }

    /** The VirtualBox version of the header ("7.0.14"), "" when not seen. */
    public String version() {
        return version;
    }

    /**
     * Whether the VM process ended this log without closing it while the VM was running: the last
     * state seen (none: running since before the part read) was neither a stop nor a crash already
     * recorded, and no "End of log file" or "Log rotated" line came.
     */
    public boolean endedWithoutClose() {
        if (closed || rotatedAway || lastTime == null) {
            return false;
        }
        return state == null || !(DOWN.contains(state) || BROKEN.contains(state));
    }

    public OffsetDateTime lastTime() {
        return lastTime;
    }

    public String lastLine() {
        return lastLine;
    }
}
