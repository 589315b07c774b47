package org.hvdiag.core.vmware;

import org.hvdiag.core.evidence.EventKind;
import org.hvdiag.core.evidence.LogParser;
import org.hvdiag.core.evidence.StopCode;
import org.hvdiag.core.evidence.UsbDeviceSeen;

/**
 * Reads one vmware.log (Workstation, Fusion, ESXi: the VMX process writes the same messages on all
 * three) into events. One parser per file: it remembers the USB devices the VMX listed, so that a
 * later "Connecting device" or "Disconnecting device 0x..." names the device, and whether the
 * current VMX process already reported how it ended, so that one crash is one event although
 * VMware writes its cause on several lines.
 * <p>
 * Messages read, with where their form comes from:
 * <ul>
 * <li>{@code Log for VMware Workstation pid=... version=...}: the first line a VMX writes when it
 * starts (power-on or resume): {@link EventKind.PoweredOn}.</li>
 * <li>{@code USB: Found device [name:Apple\ iPhone vid:05ac pid:1290 path:5/4 speed:high family:...]}:
 * the host's devices the VMX can offer; remembered for their name and speed (Ubuntu forum thread
 * "iPhone USB pass-through to VMware broken?", 2007; vmware.log excerpts in VMware community
 * threads).</li>
 * <li>{@code USB: Connecting device desc:name:... vid:... pid:... path:... speed:... id:0x...}
 * (Workstation 10 and later) and {@code USB: Connecting device 0xe005001605ac1290} (older, the id
 * only; its low 32 bits are vid and pid): {@link EventKind.UsbConnected}.</li>
 * <li>{@code USB: Disconnecting device 0x200000040e0f0003} (Broadcom KB 311905):
 * {@link EventKind.UsbDisconnected}, named after the device connected with that id.</li>
 * <li>{@code USBGL: Connect failed for e005001605ac1290}: {@link EventKind.UsbConnectFailed}.</li>
 * <li>{@code Unexpected signal: 11.}, {@code [msg.log.error.unrecoverable] VMware Workstation
 * unrecoverable error: (vcpu-0)} (after {@code Msg_Post: Error}), {@code [msg.moduletable.powerOnFailed]
 * ...} and {@code VMX has left the building: N.} with N other than 0:
 * {@link EventKind.StoppedAbnormally}, once per VMX process, the first of them giving the reason.</li>
 * <li>{@code Vix: [mainDispatch.c:4292]: VMAutomation_InitiatePowerOff. Trying hard powerOff}
 * (vmrun stop hard, the UI's or the API's power-off on a VM whose power-off is "hard"):
 * {@link EventKind.HardPowerOff}.</li>
 * <li>{@code VMX has left the building: 0.}: {@link EventKind.StoppedNormally}, with the cause the
 * log gave before it: {@code Chipset: The guest has requested that the virtual machine be powered
 * off.}, {@code VMAutomation_InitiatePowerOff. Trying soft powerOff}, {@code Transitioned
 * vmx/execState/val to suspended}.</li>
 * <li>{@code WinBSOD: Synthetic MSR[0x40000100] 0xfe}: a Windows guest wrote its bug check code into
 * the Hyper-V synthetic crash MSR (Windows does this when the hypervisor offers the enlightenment;
 * Broadcom KB 427504): {@link EventKind.GuestCrashed} with that stop code. A guest that crashes
 * without writing it leaves nothing in vmware.log, so a missing GuestCrashed proves nothing.</li>
 * </ul>
 * VMware's own virtual devices (vendor 0e0f: the virtual mouse, hub, Bluetooth adapter) are not
 * reported: they come and go with every power-on and are no device an admin plugged in.
 */
public final class VmwareLogParser implements LogParser, LogParser.Quick {
    /** VMware, Inc.'s USB vendor id, used by the virtual devices the VMX adds itself. */
    private static final String VMWARE_VENDOR = "0e0f";

    private final VmwareLogLine fields = new VmwareLogLine();
    private final VmwareUsbDevices devices = new VmwareUsbDevices();
    private boolean stopReported;
    private String stopCause = "";
    private long undatedLines;

    /** Lines in the old layout without a year, left out because their date cannot be known. */
    public long undatedLines() {
        return undatedLines;
    }

    @Override
    public Parsed parse(String line) {
        if (!fields.parse(line)) {
            return null;
        }
        if (fields.undated) {
            undatedLines++;
            return null;
        }
        String m = fields.message;
        EventKind kind = m.isEmpty() ? null : event(m);
        if (kind == null) {
            int space = m.indexOf(' ');
            // ESXi 8 writes an operation id before the message of a request's lines: look past it once.
            if (space > 0 && space < 80 && m.charAt(space - 1) != ':' && looksLikeOpId(m, space)) {
                kind = event(m.substring(space + 1));
            }
        }
        return new Parsed(fields.time, kind);
    }

    /**
     * Most lines are none of the messages above: their bytes tell so (the message's start is none of
     * the prefixes {@link #event} acts on), and only their time is read.
     */
    @Override
    public int scan(byte[] line, int from, int to, LineTime time) {
        int m = fields.scan(line, from, to, time);
        if (m == VmwareLogLine.NO_LAYOUT) {
            return NOTHING;
        }
        if (m < 0 || mayAct(line, m, to)) {
            return PARSE;
        }
        int space = VmwareLogLine.indexOf(line, ' ', m, to);
        if (space > m && space - m < 80 && line[space - 1] != ':' && VmwareLogLine.indexOf(line, '-', m, space) >= 0
                && mayAct(line, space + 1, to)) {
            return PARSE;
        }
        return TIME_ONLY;
    }

    /**
     * Whether {@link #event} could do anything with the message {@code line[m, to)}: true for every
     * prefix it checks (keep the two in step), false only when it certainly returns null and
     * changes nothing.
     */
    private static boolean mayAct(byte[] line, int m, int to) {
        if (m >= to) {
            return false;
        }
        switch (line[m]) {
            case 'L':
                return startsWith(line, m, to, "Log for VMware ");
            case 'U':
                return startsWith(line, m, to, "USB: Found device [") || startsWith(line, m, to, "USB: Connecting device ")
                        || startsWith(line, m, to, "USB: Disconnecting device ")
                        || startsWith(line, m, to, "USBGL: Connect failed for ") || startsWith(line, m, to, "Unexpected signal: ");
            case '[':
                return startsWith(line, m, to, "[msg.log.error.unrecoverable] ")
                        || startsWith(line, m, to, "[msg.moduletable.powerOnFailed]");
            case 'V':
                return startsWith(line, m, to, "VMX has left the building: ")
                        || startsWith(line, m, to, "Vix: ") && contains(line, m, to, "VMAutomation_InitiatePowerOff. Trying ");
            case 'C':
                return startsWith(line, m, to, "Chipset: The guest has requested that the virtual machine be powered off");
            case 'T':
                return startsWith(line, m, to, "Transitioned vmx/execState/val to suspended");
            case 'W':
                return startsWith(line, m, to, "WinBSOD: Synthetic MSR[0x40000100] ");
            default:
                return false;
        }
    }

    private static boolean startsWith(byte[] line, int at, int to, String prefix) {
        int n = prefix.length();
        if (to - at < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (line[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] line, int from, int to, String s) {
        for (int i = from; i <= to - s.length(); i++) {
            if (line[i] == s.charAt(0) && startsWith(line, i, to, s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeOpId(String m, int end) {
        for (int i = 0; i < end; i++) {
            char c = m.charAt(i);
            if (c == '-') {
                return true;
            }
        }
        return false;
    }

    /** The event one message is, or null. Dispatches on the first character so most lines cost one switch. */
    private EventKind event(String m) {
        if (m.isEmpty()) {
            return null;
        }
        switch (m.charAt(0)) {
            case 'L':
                if (m.startsWith("Log for VMware ") && m.contains(" pid=")) {
                    stopReported = false;
                    stopCause = "";
                    return new EventKind.PoweredOn();
                }
                return null;
            case 'U':
                if (m.startsWith("USB: ")) {
                    return usb(m);
                }
                if (m.startsWith("USBGL: Connect failed for ")) {
                    UsbDeviceSeen d = devices.byId(m.substring("USBGL: Connect failed for ".length()).strip());
                    return !reportable(d) ? null : new EventKind.UsbConnectFailed(d, "the host did not hand the device to the VM");
                }
                if (m.startsWith("Unexpected signal: ")) {
                    String signal = m.substring("Unexpected signal: ".length()).replace(".", "").strip();
                    return abnormal("the VMX process died on unexpected signal " + signal + signalName(signal)
                            + " in thread " + fields.thread);
                }
                return null;
            case '[':
                if (m.startsWith("[msg.log.error.unrecoverable] ")) {
                    return abnormal(m.substring("[msg.log.error.unrecoverable] ".length()).strip());
                }
                if (m.startsWith("[msg.moduletable.powerOnFailed]")) {
                    return abnormal("power-on failed: " + m.substring("[msg.moduletable.powerOnFailed]".length()).strip());
                }
                return null;
            case 'V':
                if (m.startsWith("VMX has left the building: ")) {
                    return leftTheBuilding(m.substring("VMX has left the building: ".length()).replace(".", "").strip());
                }
                if (m.startsWith("Vix: ")) {
                    int at = m.indexOf("VMAutomation_InitiatePowerOff. Trying ");
                    if (at >= 0) {
                        String mode = m.substring(at + "VMAutomation_InitiatePowerOff. Trying ".length());
                        if (mode.startsWith("hard")) {
                            stopReported = true;
                            return new EventKind.HardPowerOff("a power-off request (VMAutomation_InitiatePowerOff)");
                        }
                        stopCause = "soft power-off: the guest was asked to shut down";
                    }
                }
                return null;
            case 'C':
                if (m.startsWith("Chipset: The guest has requested that the virtual machine be powered off")) {
                    stopCause = "the guest shut down";
                }
                return null;
            case 'T':
                if (m.startsWith("Transitioned vmx/execState/val to suspended")) {
                    stopCause = "suspended";
                }
                return null;
            case 'W':
                if (m.startsWith("WinBSOD: Synthetic MSR[0x40000100] ")) {
                    StopCode code = StopCode.parse(m.substring("WinBSOD: Synthetic MSR[0x40000100] ".length()));
                    return code == null ? null
                            : new EventKind.GuestCrashed(code, "Windows wrote its bug check code to the hypervisor (WinBSOD)");
                }
                return null;
            default:
                return null;
        }
    }

    private EventKind usb(String m) {
        if (m.startsWith("USB: Found device [")) {
            devices.found(m.substring("USB: Found device [".length()));
            return null;
        }
        if (m.startsWith("USB: Connecting device ")) {
            UsbDeviceSeen d = devices.connecting(m.substring("USB: Connecting device ".length()));
            return reportable(d) ? new EventKind.UsbConnected(d) : null;
        }
        if (m.startsWith("USB: Disconnecting device ")) {
            UsbDeviceSeen d = devices.byId(m.substring("USB: Disconnecting device ".length()).strip());
            return reportable(d) ? new EventKind.UsbDisconnected(d) : null;
        }
        return null;
    }

    /** A device the line names at all, and not one of VMware's own virtual devices. */
    private static boolean reportable(UsbDeviceSeen d) {
        return d != null && !(d.ids().isEmpty() && d.name().isEmpty()) && !VMWARE_VENDOR.equals(d.vendorId());
    }

    private EventKind abnormal(String reason) {
        if (stopReported) {
            return null;
        }
        stopReported = true;
        return new EventKind.StoppedAbnormally(reason);
    }

    private EventKind leftTheBuilding(String status) {
        if ("0".equals(status)) {
            if (stopReported) {
                return null;
            }
            stopReported = true;
            return new EventKind.StoppedNormally(stopCause.isEmpty() ? "the VMX process exited with status 0" : stopCause);
        }
        return abnormal("the VMX process exited with status " + status);
    }

    private static String signalName(String signal) {
        return switch (signal) {
            case "11" -> " (SIGSEGV)";
            case "6" -> " (SIGABRT)";
            case "7" -> " (SIGBUS)";
            case "4" -> " (SIGILL)";
            case "9" -> " (SIGKILL)";
            default -> "";
        };
    }
}
