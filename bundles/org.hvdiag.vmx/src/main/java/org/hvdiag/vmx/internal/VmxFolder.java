package org.hvdiag.vmx.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.model.ObjectError;

/**
 * The .vmx files under a folder, at any depth. Lock folders are skipped: they are VMware's, and a
 * running VM's hold nothing to read. Links to folders are not followed (they can loop); a link named
 * *.vmx is listed and read through. Anything named *.vmx that is not a file is listed as well, so
 * that reading it says why it cannot be a VM rather than it silently not appearing.
 */
final class VmxFolder {

    /** The .vmx paths found and the folders that could not be listed. */
    record Listing(List<Path> files, List<ObjectError> errors) { }

    private VmxFolder() {
    }

    static Listing list(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        List<ObjectError> errors = new ArrayList<>();
        Files.walkFileTree(root, new FileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                if (LockFolder.isLockName(name)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (isVmxName(name)) {
                    files.add(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (isVmxName(file.getFileName().toString())) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                errors.add(new ObjectError(file.toString(), "", "cannot read: " + reason(e)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    errors.add(new ObjectError(dir.toString(), "", "cannot list the folder: " + reason(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Listing(files, errors);
    }

    static boolean isVmxName(String name) {
        return name.length() > 4 && name.regionMatches(true, name.length() - 4, ".vmx", 0, 4);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
