package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.connector.FolderWalk;
import org.hvdiag.core.model.ObjectError;

/**
 * The machines of a .vbox file, or of every .vbox file under a folder at any depth, and of saved
 * {@code VBoxManage showvminfo --machinereadable} output beside them (*.showvminfo, and *.txt
 * files that begin as such output; other .txt files are notes or logs and are passed over).
 * VirtualBox's own backups (*.vbox-prev) and half-written files (*.vbox-tmp) are not VMs and are
 * passed over. Links to folders are not followed (they can loop). One file that cannot be read is
 * an error that names it; the others are still read.
 */
public final class VboxFolder {

    /** What was read, and what could not be. */
    public record Listing(List<MachineFacts> machines, List<ObjectError> errors) {
        public Listing {
            machines = List.copyOf(machines);
            errors = List.copyOf(errors);
        }
    }

    private VboxFolder() {
    }

    public static Listing read(Path target) {
        List<MachineFacts> machines = new ArrayList<>();
        List<ObjectError> errors = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(target)) {
            list(target, files, errors);
        } else {
            files.add(target);
        }
        // A VM both in its .vbox file and in a capture is audited from the .vbox file, which says more
        // (settings version, defaults VBoxManage leaves out); the capture is reported as its duplicate.
        files.sort(Comparator.comparing((Path f) -> isVboxName(f.getFileName().toString()) ? 0 : 1)
                .thenComparing(Comparator.naturalOrder()));
        Map<String, Path> byId = new HashMap<>();
        for (Path f : files) {
            try {
                MachineFacts m = readOne(f);
                Path first = byId.putIfAbsent(m.id(), f);
                if (first != null) {
                    // A copied VM folder: two VMs of one id would confuse every later fix and report.
                    errors.add(new ObjectError(f.toString(), "", "machine UUID " + m.id() + " is also the UUID of "
                            + first + "; expected one .vbox file or showvminfo capture per VM (a copy?), so only the first is audited"));
                    continue;
                }
                machines.add(m);
            } catch (UnreadableFile e) {
                errors.add(e.toError());
            }
        }
        return new Listing(machines, errors);
    }

    /** A file named as the target: a .txt one must be showvminfo output, anything else is read as .vbox. */
    private static MachineFacts readOne(Path f) throws UnreadableFile {
        String name = f.getFileName() == null ? "" : f.getFileName().toString();
        if (ShowVmInfo.isShowVmInfoName(name)) {
            return ShowVmInfo.read(f);
        }
        if (ShowVmInfoHead.isTxtName(name)) {
            ShowVmInfoHead.Look look = ShowVmInfoHead.of(f);
            if (!look.isShowVmInfo() && Files.isReadable(f)) {
                throw new UnreadableFile(f.toString(), look.line(), look.reason());
            }
            return ShowVmInfo.read(f);
        }
        return VboxSettingsFile.read(f);
    }

    /** What a folder walk reads: .vbox files, .showvminfo files, and .txt files that are showvminfo output. */
    private static boolean isMachineFile(Path file) {
        String name = file.getFileName().toString();
        return isVboxName(name) || ShowVmInfo.isShowVmInfoName(name)
                || ShowVmInfoHead.isTxtName(name) && ShowVmInfoHead.of(file).isShowVmInfo();
    }

    static boolean isVboxName(String name) {
        return name.length() > 5 && name.regionMatches(true, name.length() - 5, ".vbox", 0, 5);
    }

    private static void list(Path root, List<Path> files, List<ObjectError> errors) {
        try {
            FolderWalk.Found found = FolderWalk.walk(root, (path, directory) -> !directory && isMachineFile(path));
            files.addAll(found.files());
            errors.addAll(found.errors());
        } catch (IOException e) {
            errors.add(new ObjectError(root.toString(), "", "cannot list the folder: " + FolderWalk.reason(e)));
        }
    }
}
