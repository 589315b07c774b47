package org.hvdiag.libvirt.internal;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.LogParser;
import org.hvdiag.core.evidence.StopCode;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.model.UsbSpeed;

/**
 * One libvirt per-domain QEMU log (/var/log/libvirt/qemu/NAME.log, or
 * ~/.cache/libvirt/qemu/log/NAME.log for qemu:///session). Two writers share the file, each with
 * its own clock format:
 * <ul>
 * <li>libvirtd, in UTC with the offset written out: {@code 2026-11-27 09:14:02.118+0000: MESSAGE}
 * (virTimeStringNow() in libvirt's src/util/virtime.c, written by qemuProcessStop and
 * qemuProcessLaunch in src/qemu/qemu_process.c):
 * {@code starting up libvirt version: ...}, {@code shutting down, reason=R} with R one of
 * virDomainShutoffReason's strings in src/conf/domain_conf.c (unknown, shutdown, destroyed,
 * crashed, migrated, saved, failed, "from snapshot", daemon), and for a guest panic reported
 * through Hyper-V's crash MSRs {@code panic hyper-v: arg1='0xfe', arg2='0x...', ...}
 * (qemuMonitorGuestPanicEventInfoFormatMsg, libvirt 1.3 on; the same line is quoted in KubeVirt's
 * panic parser tests and on qemu-devel, June 2025). arg1 is the Windows bug check code.</li>
 * <li>QEMU's own stderr, timestamped in UTC because libvirt starts QEMU with
 * {@code -msg timestamp=on}: {@code 2026-11-27T09:14:02.118302Z qemu-system-x86_64: MESSAGE}
 * (util/qemu-error.c error_vreport). Messages read: {@code terminating on signal 15 from pid N
 * (COMM)} (system/runstate.c), libusb failures of host USB passthrough {@code NAME: RC [ERR]}
 * (usb_host_libusb_error in hw/usb/host-libusb.c; {@code libusb_release_interface: -4 [NO_DEVICE]}
 * is Launchpad bug 1505759's device that vanished from the host), and a device refused by its
 * bus {@code Warning: speed mismatch trying to attach usb device "N" (full speed) to bus "B",
 * port "P" (high speed)} (usb_check_attach in hw/usb/bus.c). A QEMU line without a time (an old
 * QEMU, or a libvirt that did not pass -msg) takes the time of the line before it.</li>
 * </ul>
 * Everything else (the command line libvirt logs after "starting up", taint warnings) carries no
 * event. What was verified against a real libvirt 9.0 / QEMU 7.2: the start, destroy, kill -9
 * (reason=crashed) and kill -15 (signal line, then reason=shutdown) forms.
 */
public final class QemuLogParser implements LogParser {

    /** libvirt's own lines: {@code 2026-11-27 09:14:02.118+0000: ...}. */
    private static final Pattern LIBVIRT = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([+-]\\d{2})(\\d{2}): (.*)$");
    /** QEMU's lines with -msg timestamp=on: {@code 2026-11-27T09:14:02.118302Z qemu-system-x86_64: ...}. */
    private static final Pattern QEMU_TIMED = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)Z (.*)$");
    /** The program prefix QEMU puts before a message: qemu-system-x86_64, qemu-kvm, kvm. */
    private static final Pattern PROGRAM = Pattern.compile("^(?:[\\w.-]+ )?(qemu[\\w.-]*|kvm): (.*)$");
    private static final Pattern SIGNAL = Pattern.compile(
            "terminating on signal (\\d+)(?: from pid (\\d+)(?: \\(([^)]*)\\))?)?");
    private static final Pattern LIBUSB = Pattern.compile("(libusb_\\w+)(?: \\[\\w+\\])?: (-\\d+) \\[([\\w?]+)\\]");
    private static final Pattern SPEED_MISMATCH = Pattern.compile(
            "speed mismatch trying to attach usb device \"([^\"]*)\" \\((\\S+) speed\\) to bus \"([^\"]*)\", "
                    + "port \"([^\"]*)\" \\((\\S+) speed\\)");
    private static final Pattern HYPERV_ARG = Pattern.compile("arg(\\d)='(0x[0-9a-fA-F]+)'");

    /** libusb calls whose failure means the device never reached the guest. */
    private static final List<String> CONNECT_CALLS = List.of("libusb_open", "libusb_claim_interface",
            "libusb_set_configuration", "libusb_detach_kernel_driver", "libusb_kernel_driver_active");

    private final List<UsbDeviceSeen> passthrough;
    private OffsetDateTime last;
    /** QEMU's "terminating on signal" line of the current run, until libvirt says how it stopped. */
    private String signal;
    private boolean signalFromLibvirt;

    /**
     * @param passthrough the domain's host USB devices ({@code <hostdev type='usb'>}): QEMU's libusb
     *        lines name no device, so with exactly one the line is about it
     */
    public QemuLogParser(List<UsbDeviceSeen> passthrough) {
        this.passthrough = List.copyOf(passthrough);
    }

    @Override
    public Parsed parse(String line) {
        Matcher m = LIBVIRT.matcher(line);
        if (m.matches()) {
            OffsetDateTime t = libvirtTime(m);
            if (t == null) {
                return null;
            }
            last = t;
            return new Parsed(t, libvirtMessage(m.group(5)));
        }
        m = QEMU_TIMED.matcher(line);
        String message;
        if (m.matches()) {
            try {
                last = LocalDateTime.parse(m.group(1)).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
            message = m.group(2);
        } else {
            message = line;
        }
        Matcher program = PROGRAM.matcher(message);
        if (!program.matches()) {
            return m.matches() ? new Parsed(last, null) : null;
        }
        EventKind kind = qemuMessage(program.group(2));
        // Read from the middle of a file, a QEMU line before any timed line has no time to take.
        return last == null ? null : new Parsed(last, kind);
    }

    private static OffsetDateTime libvirtTime(Matcher m) {
        try {
            ZoneOffset zone = ZoneOffset.ofHoursMinutes(Integer.parseInt(m.group(3)),
                    (m.group(3).startsWith("-") ? -1 : 1) * Integer.parseInt(m.group(4)));
            return LocalDateTime.parse(m.group(1) + "T" + m.group(2)).atOffset(zone);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private EventKind libvirtMessage(String message) {
        if (message.startsWith("starting up")) {
            signal = null;
            return new EventKind.PoweredOn();
        }
        if (message.startsWith("shutting down")) {
            int at = message.indexOf("reason=");
            String reason = at < 0 ? "" : message.substring(at + 7).strip();
            EventKind kind = stop(reason);
            signal = null;
            return kind;
        }
        if (message.startsWith("panic ")) {
            return panic(message.substring(6));
        }
        return null;
    }

    /** How libvirt's shutoff reason reads for the admin (virDomainShutoffReason). */
    private EventKind stop(String reason) {
        switch (reason.toLowerCase(Locale.ROOT)) {
            case "destroyed":
                return new EventKind.HardPowerOff("libvirt (virsh destroy or a management tool's force off)");
            case "crashed":
                return new EventKind.StoppedAbnormally("QEMU exited unexpectedly or the guest panicked (libvirt: reason=crashed)");
            case "failed":
                return new EventKind.StoppedAbnormally("the domain failed to start (libvirt: reason=failed)");
            case "daemon":
                return new EventKind.StoppedAbnormally("libvirtd stopped it while reconnecting after a restart (libvirt: reason=daemon)");
            case "shutdown":
                // QEMU stops cleanly on SIGTERM and libvirt then calls it a shutdown: a signal from
                // anything but libvirt itself (kill, an OOM script, systemd) pulled the power.
                if (signal != null && !signalFromLibvirt) {
                    return new EventKind.HardPowerOff(signal);
                }
                return new EventKind.StoppedNormally("the guest shut down");
            case "":
                return new EventKind.StoppedNormally("");
            case "unknown":
                return new EventKind.StoppedNormally("libvirt gave no reason");
            default:
                // migrated, saved, from snapshot: stops the admin asked for
                return new EventKind.StoppedNormally(reason);
        }
    }

    private static EventKind panic(String what) {
        if (what.startsWith("hyper-v")) {
            Matcher a = HYPERV_ARG.matcher(what);
            StopCode code = null;
            StringBuilder params = new StringBuilder();
            while (a.find()) {
                if (a.group(1).equals("1")) {
                    code = StopCode.parse(a.group(2));
                } else {
                    params.append(params.length() == 0 ? "" : ", ").append(a.group(2));
                }
            }
            return new EventKind.GuestCrashed(code, "Hyper-V crash MSRs" + (params.length() == 0 ? "" : ": " + params));
        }
        return new EventKind.GuestCrashed(null, "panic " + what.strip());
    }

    private EventKind qemuMessage(String message) {
        Matcher s = SIGNAL.matcher(message);
        if (s.find()) {
            String comm = s.group(3) == null ? "" : s.group(3);
            signalFromLibvirt = comm.contains("libvirtd") || comm.contains("virtqemud");
            signal = "signal " + s.group(1) + (s.group(2) == null ? "" : " from pid " + s.group(2))
                    + (comm.isEmpty() ? "" : " (" + comm + ")");
            if (s.group(2) == null) {
                // QEMU before 2.x names no sender: it may have been libvirt
                signalFromLibvirt = true;
            }
            return null;
        }
        Matcher u = LIBUSB.matcher(message);
        if (u.find()) {
            String what = u.group(1) + ": " + u.group(2) + " [" + u.group(3) + "]";
            if (u.group(3).equals("NO_DEVICE")) {
                return new EventKind.UsbDisconnected(hostDevice());
            }
            if (CONNECT_CALLS.contains(u.group(1))) {
                return new EventKind.UsbConnectFailed(hostDevice(), what);
            }
            return null;
        }
        Matcher sm = SPEED_MISMATCH.matcher(message);
        if (sm.find()) {
            UsbDeviceSeen device = new UsbDeviceSeen("", "", sm.group(1), speed(sm.group(2)), null);
            return new EventKind.UsbConnectFailed(device, sm.group(2) + " speed device refused by the " + sm.group(5)
                    + " speed port " + sm.group(4) + " of bus " + sm.group(3));
        }
        return null;
    }

    private UsbDeviceSeen hostDevice() {
        if (passthrough.size() == 1) {
            return passthrough.get(0);
        }
        return UsbDeviceSeen.named(passthrough.isEmpty() ? "host USB device"
                : "one of " + passthrough.size() + " host USB devices (QEMU's line does not say which)");
    }

    /**
     * QEMU's speed mask words (usb_mask_to_str in hw/usb/bus.c: "full", "high", "super", joined by
     * '+' for a device that can do several): the fastest one named is the device's speed.
     */
    private static UsbSpeed speed(String words) {
        String w = words.toLowerCase(Locale.ROOT);
        if (w.contains("super")) {
            return UsbSpeed.USB_3_X;
        }
        if (w.contains("high")) {
            return UsbSpeed.USB_2_0;
        }
        return w.contains("full") || w.contains("low") ? UsbSpeed.USB_1_1 : UsbSpeed.UNKNOWN;
    }
}
