package org.hvdiag.libvirt.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hvdiag.core.evidence.EvidenceWindow;
import org.hvdiag.core.evidence.LogFile;
import org.hvdiag.core.evidence.LogTail;
import org.hvdiag.core.evidence.PathLogFile;
import org.hvdiag.core.evidence.UsbDeviceSeen;
import org.hvdiag.core.evidence.VmEvidence;
import org.hvdiag.core.model.UsbDevice;
import org.hvdiag.core.model.UsbSpeed;
import org.hvdiag.core.model.Vm;

/**
 * The QEMU logs of one domain in one folder: NAME.log, then its rotated copies newest first.
 * virtlogd rolls NAME.log over to NAME.log.0, .1, .2 (virRotatingFileWriter in libvirt's
 * src/util/virrotatingfile.c, max_backups in virtlogd.conf); Debian's logrotate rule for
 * qemu:///system makes NAME.log.1 and compressed NAME.log.2.gz onwards. Both number newer
 * copies lower, so the numeric suffix orders them. Compressed copies are named in a note, not read.
 */
final class QemuLogs {
    private static final Pattern ROTATED = Pattern.compile("\\.log\\.(\\d+)(\\.gz|\\.xz|\\.bz2|\\.zst)?$");

    private QemuLogs() {
    }

    /** Reads {@code vm}'s logs in {@code folder}; never throws: what went wrong is a note. */
    static VmEvidence read(Path folder, Vm vm, EvidenceWindow window) {
        Path current = folder.resolve(vm.name() + ".log");
        List<LogFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (Files.exists(current)) {
            if (!Files.isReadable(current)) {
                return VmEvidence.unreadable(vm.id(), vm.name(), current + " is not readable by this user (libvirt writes "
                        + "it mode 0600 for its own user: run hvdiag as that user or root, or copy the log and point "
                        + "the " + QemuLogFolder.OPTION.flag() + " option at the copy)");
            }
            files.add(new PathLogFile(current));
        }
        int compressed = 0;
        List<Rotated> rotated = new ArrayList<>();
        // Listed and compared by hand: a domain name may hold glob characters ([, *, {).
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
            for (Path p : all) {
                String file = p.getFileName().toString();
                Matcher m = ROTATED.matcher(file);
                if (!file.startsWith(vm.name() + ".log.") || !m.find() || !file.equals(vm.name() + m.group())) {
                    continue;
                }
                if (m.group(2) != null) {
                    compressed++;
                } else {
                    rotated.add(new Rotated(p, Long.parseLong(m.group(1))));
                }
            }
        } catch (IOException | NumberFormatException e) {
            notes.add("cannot list " + folder + " for rotated logs of " + vm.name() + ": " + e.getMessage());
        }
        rotated.sort(Comparator.comparingLong(Rotated::number));
        rotated.forEach(r -> files.add(new PathLogFile(r.path())));
        if (files.isEmpty()) {
            notes.add("no QEMU log " + current + " (libvirt writes it when the domain starts: it has not run on this host "
                    + "since the log was last removed, or the log is elsewhere)");
            return new VmEvidence(vm.id(), vm.name(), List.of(), notes, 0);
        }
        List<UsbDeviceSeen> passthrough = passthrough(vm);
        VmEvidence read = new LogTail(vm.id(), vm.name(), window).read(files, () -> new QemuLogParser(passthrough));
        if (compressed > 0) {
            notes.add(compressed + " compressed older log(s) of " + vm.name() + " in " + folder + " not read");
        }
        if (notes.isEmpty()) {
            return read;
        }
        List<String> all = new ArrayList<>(read.notes());
        all.addAll(notes);
        return new VmEvidence(read.vmId(), read.vmName(), read.events(), all, read.bytesRead());
    }

    /** The domain's host USB devices as the model has them ({@code hostdev[N]}), for QEMU's libusb lines. */
    static List<UsbDeviceSeen> passthrough(Vm vm) {
        List<UsbDeviceSeen> seen = new ArrayList<>();
        for (UsbDevice d : vm.usbDevices()) {
            if (d.id().startsWith("hostdev")) {
                seen.add(new UsbDeviceSeen(d.vendorId() < 0 ? "" : Integer.toHexString(d.vendorId()),
                        d.productId() < 0 ? "" : Integer.toHexString(d.productId()), d.name(),
                        d.speed() == null ? UsbSpeed.UNKNOWN : d.speed(), null));
            }
        }
        return seen;
    }

    private record Rotated(Path path, long number) {
    }
}
