package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder VMware Workstation and Fusion create next to a running VM's files ({@code x.vmx.lck},
 * {@code disk.vmdk.lck}) and remove when it powers off. Any such folder in the VM's directory counts:
 * a disk lock alone also means a VM has the files open. A crashed VM leaves its lock behind, which
 * makes it look running; that errs on the side of not editing a live configuration.
 */
public record LockFolder(Path path) {

    public static Optional<LockFolder> find(Path vmx) {
        Path own = vmx.resolveSibling(vmx.getFileName() + ".lck");
        if (Files.isDirectory(own)) {
            return Optional.of(new LockFolder(own));
        }
        Path folder = vmx.toAbsolutePath().getParent();
        if (folder == null) {
            return Optional.empty();
        }
        Path found = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (isLockName(p.getFileName().toString()) && Files.isDirectory(p)
                        && (found == null || p.compareTo(found) < 0)) {
                    found = p; // the first by name, so reports are the same on every run
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found == null ? Optional.empty() : Optional.of(new LockFolder(found));
    }

    static boolean isLockName(String name) {
        return name.regionMatches(true, name.length() - 4, ".lck", 0, 4);
    }

    public String name() {
        return path.getFileName().toString();
    }
}
