package org.hvdiag.virtualbox.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hvdiag.core.connector.UnreadableFile;

/**
 * Saved {@code VBoxManage showvminfo VM --machinereadable} output read into {@link MachineFacts},
 * so that {@link MachineMapping} makes of it the same model as of the VM's .vbox file.
 * <p>
 * VBoxManage speaks its own words: "on"/"off", lower-case states ("poweroff") and chipsets
 * ("piix3"), the OS type's description ("Ubuntu (64-bit)") instead of its id, and USB as three
 * switches (usb, ehci, xhci) plus numbered filter lines without a port. They are turned into
 * VirtualBox's API values here. What the output does not show stays unknown (-1, ""): a
 * capture of only the USB lines is still a VM whose USB settings can be audited; it is then
 * known by its file (the file's path as id and its name as the VM's name, as for a .vmx file
 * without a display name), because nothing in it names the VM.
 */
public final class ShowVmInfo {

    /** A file of saved output: "lab-pc.showvminfo". */
    public static final String EXTENSION = ".showvminfo";

    private static final Pattern FILTER = Pattern.compile(
            "USBFilter(Active|Name|VendorId|ProductId|Revision|Manufacturer|Product|SerialNumber|Port|Remote|MaskedInterfaces)(\\d+)");
    private static final Pattern SNAPSHOT = Pattern.compile("SnapshotName(-[0-9-]+)?");
    private static final Pattern ADDITIONS = Pattern.compile("(.*\\S)\\s+r(\\d+)");

    /** VBoxManage's short state names to MachineState; anything else is kept as printed. */
    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("poweroff", "PoweredOff"), Map.entry("saved", "Saved"), Map.entry("teleported", "Teleported"),
            Map.entry("aborted", "Aborted"), Map.entry("aborted-saved", "AbortedSaved"), Map.entry("running", "Running"),
            Map.entry("paused", "Paused"), Map.entry("gurumeditation", "Stuck"), Map.entry("teleporting", "Teleporting"),
            Map.entry("livesnapshotting", "LiveSnapshotting"), Map.entry("starting", "Starting"),
            Map.entry("stopping", "Stopping"), Map.entry("saving", "Saving"), Map.entry("restoring", "Restoring"),
            Map.entry("teleportingpausedvm", "TeleportingPausedVM"), Map.entry("teleportingin", "TeleportingIn"),
            Map.entry("deletingsnapshotlive", "DeletingSnapshotOnline"),
            Map.entry("deletingsnapshotlivepaused", "DeletingSnapshotPaused"),
            Map.entry("onlinesnapshotting", "OnlineSnapshotting"), Map.entry("restoringsnapshot", "RestoringSnapshot"),
            Map.entry("deletingsnapshot", "DeletingSnapshot"), Map.entry("settingup", "SettingUp"),
            Map.entry("snapshotting", "Snapshotting"));

    private ShowVmInfo() {
    }

    public static boolean isShowVmInfoName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    /** A regular .txt file, as an admin typed its path, that begins as showvminfo output. */
    public static boolean isSavedOutputFile(String target) {
        if (target == null || target.isBlank() || target.contains("://")) {
            return false;
        }
        try {
            Path p = Path.of(target);
            return Files.isRegularFile(p) && ShowVmInfoHead.isTxtName(p.getFileName().toString())
                    && ShowVmInfoHead.of(p).isShowVmInfo();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    public static MachineFacts read(Path file) throws UnreadableFile {
        return parse(file, SavedOutput.text(file));
    }

    static MachineFacts parse(Path file, String text) throws UnreadableFile {
        String name = file.toString();
        Map<String, ShowVmInfoLines.Entry> keys = new HashMap<>();
        for (ShowVmInfoLines.Entry e : ShowVmInfoLines.parse(name, text)) {
            keys.put(e.key(), e); // a repeated key: the last one printed, as a shell reading it would
        }
        return new Facts(name, keys).read(file);
    }

    /** The facts of one parsed output; errors name the line of the value that is wrong. */
    private record Facts(String file, Map<String, ShowVmInfoLines.Entry> keys) {

        MachineFacts read(Path path) throws UnreadableFile {
            List<MachineFacts.Filter> filters = filters();
            List<MachineFacts.Controller> controllers = controllers();
            if (!keys.containsKey("UUID") && !keys.containsKey("name") && controllers.isEmpty() && filters.isEmpty()
                    && !keys.containsKey("usb") && !keys.containsKey("ehci") && !keys.containsKey("xhci")) {
                throw new UnreadableFile(file, 0, "no VM settings found, expected VBoxManage showvminfo "
                        + "--machinereadable output with name=, UUID= or usb=/ehci=/xhci= lines");
            }
            String uuid = text("UUID").replace("{", "").replace("}", "").strip().toLowerCase(Locale.ROOT);
            Path fileName = path.getFileName();
            String vmName = keys.containsKey("name") ? text("name") : fileName == null ? file : fileName.toString();
            String id = uuid.isEmpty() ? path.toAbsolutePath().normalize().toString() : uuid;
            String state = text("VMState");
            return new MachineFacts(id, vmName, file, VboxOsDescriptions.idOf(text("ostype")),
                    (int) number("cpus", 1, 1024, "a number of virtual CPUs"), onOff("cpuhotplug", false),
                    number("memory", 1, Long.MAX_VALUE, "a size in MB"), text("firmware"),
                    text("chipset").toUpperCase(Locale.ROOT), "", STATES.getOrDefault(state, state), controllers,
                    filters, additions(), uuid.isEmpty() ? -1 : snapshots());
        }

        /** usb, ehci and xhci switch on the controllers VirtualBox names OHCI, EHCI and xHCI. */
        private List<MachineFacts.Controller> controllers() throws UnreadableFile {
            List<MachineFacts.Controller> out = new ArrayList<>();
            if (onOff("usb", false)) {
                out.add(new MachineFacts.Controller("OHCI", "OHCI"));
            }
            if (onOff("ehci", false)) {
                out.add(new MachineFacts.Controller("EHCI", "EHCI"));
            }
            if (onOff("xhci", false)) {
                out.add(new MachineFacts.Controller("xHCI", "XHCI"));
            }
            return out;
        }

        /** USBFilterActive1, USBFilterName1, ...: numbered from 1 in the VM's filter order. */
        private List<MachineFacts.Filter> filters() throws UnreadableFile {
            Map<Integer, Map<String, ShowVmInfoLines.Entry>> byNumber = new TreeMap<>();
            for (ShowVmInfoLines.Entry e : keys.values()) {
                Matcher m = FILTER.matcher(e.key());
                if (m.matches()) {
                    byNumber.computeIfAbsent(Integer.parseInt(m.group(2)), n -> new HashMap<>()).put(m.group(1), e);
                }
            }
            List<MachineFacts.Filter> out = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, ShowVmInfoLines.Entry>> f : byNumber.entrySet()) {
                Map<String, ShowVmInfoLines.Entry> v = f.getValue();
                ShowVmInfoLines.Entry active = v.get("Active");
                if (active == null) {
                    int first = v.values().stream().mapToInt(ShowVmInfoLines.Entry::line).min().orElse(0);
                    throw new UnreadableFile(file, first, "device filter " + f.getKey() + " has no USBFilterActive"
                            + f.getKey() + " line, expected USBFilterActive" + f.getKey() + "=\"on\" or \"off\" "
                            + "with its other USBFilter" + f.getKey() + " lines (a cut-off capture?)");
                }
                out.add(new MachineFacts.Filter(out.size(), field(v, "Name"), onOff(active), field(v, "VendorId"),
                        field(v, "ProductId"), field(v, "Revision"), field(v, "Manufacturer"), field(v, "Product"),
                        field(v, "SerialNumber"), field(v, "Port"), field(v, "Remote"), field(v, "MaskedInterfaces")));
            }
            return out;
        }

        /** "5.1.18 r114002" as the .vbox reader writes it: "5.1.18r114002". */
        private String additions() {
            String v = text("GuestAdditionsVersion").strip();
            Matcher m = ADDITIONS.matcher(v);
            return m.matches() ? m.group(1) + "r" + m.group(2) : v;
        }

        /** The current snapshot and every other one print a SnapshotName line. */
        private int snapshots() {
            return (int) keys.keySet().stream().filter(k -> SNAPSHOT.matcher(k).matches()).count();
        }

        private static String field(Map<String, ShowVmInfoLines.Entry> v, String name) {
            ShowVmInfoLines.Entry e = v.get(name);
            return e == null ? "" : e.value().strip();
        }

        private String text(String key) {
            ShowVmInfoLines.Entry e = keys.get(key);
            return e == null ? "" : e.value();
        }

        private boolean onOff(String key, boolean absent) throws UnreadableFile {
            ShowVmInfoLines.Entry e = keys.get(key);
            return e == null ? absent : onOff(e);
        }

        private boolean onOff(ShowVmInfoLines.Entry e) throws UnreadableFile {
            return switch (e.value().strip()) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new UnreadableFile(file, e.line(), e.key() + "=\"" + e.value() + "\", expected \"on\" or \"off\"");
            };
        }

        private long number(String key, long min, long max, String expected) throws UnreadableFile {
            ShowVmInfoLines.Entry e = keys.get(key);
            if (e == null) {
                return -1;
            }
            try {
                long n = Long.parseLong(e.value().strip());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ex) {
                // reported below
            }
            throw new UnreadableFile(file, e.line(), key + "=" + e.value() + ", expected " + expected + " from " + min
                    + (max == Long.MAX_VALUE ? " up" : " to " + max));
        }
    }
}
