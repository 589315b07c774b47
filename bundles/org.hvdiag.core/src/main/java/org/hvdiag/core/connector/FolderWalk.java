package org.hvdiag.core.connector;

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
 * The VM files under a folder, at any depth, for the connectors that read files: each says which
 * names are VM files and which folders to leave alone. Links to folders are not followed (they can
 * loop). A file or folder that cannot be read is an error naming it; the walk goes on.
 */
public final class FolderWalk {

    /** The paths found and what could not be listed or read. */
    public record Found(List<Path> files, List<ObjectError> errors) {
        public Found {
            files = List.copyOf(files);
            errors = List.copyOf(errors);
        }
    }

    /** What a connector takes from a folder. */
    public interface Choice {
        /** A folder below the root not to enter (VMware's lock folders). */
        default boolean skip(Path dir) {
            return false;
        }

        /** Whether this file, or folder below the root, is one to read. */
        boolean take(Path path, boolean directory);
    }

    private FolderWalk() {
    }

    /** @throws IOException when the root itself cannot be listed */
    public static Found walk(Path root, Choice choice) throws IOException {
        List<Path> files = new ArrayList<>();
        List<ObjectError> errors = new ArrayList<>();
        Files.walkFileTree(root, new FileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (choice.skip(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (choice.take(dir, true)) {
                    files.add(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (choice.take(file, attrs.isDirectory())) {
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
        return new Found(files, errors);
    }

    /** An I/O failure in an admin's words: "permission denied" rather than the exception's class. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
