package org.hvdiag.core.connector;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;

/**
 * One way of naming what a connector reads: a server URL with its scheme, or VM files on this
 * machine. The CLI and the workbench learn from it whether to ask for a URL and an account or for
 * a folder, and which connector an admin's target belongs to.
 */
public sealed interface TargetForm {

    /** Whether {@code target}, as the admin typed it, has this form. */
    boolean matches(String target);

    /** How the admin writes it, for help texts and wizard hints. */
    String example();

    /** A server address: {@code scheme://user@host[:port]}. */
    record Url(String scheme, String example) implements TargetForm {
        public Url {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(example, "example");
        }

        @Override
        public boolean matches(String target) {
            return target != null && target.startsWith(scheme + "://");
        }

        /** The user named in the URL ("administrator%40vsphere.local" stays as typed), or "". */
        public static String userOf(String target) {
            int scheme = target.indexOf("://");
            if (scheme < 0) {
                return "";
            }
            int slash = target.indexOf('/', scheme + 3);
            int at = target.lastIndexOf('@', slash < 0 ? target.length() : slash);
            return at < scheme + 3 ? "" : target.substring(scheme + 3, at);
        }
    }

    /**
     * VM files on this machine: one file whose name ends with {@code extension} (".vmx"), or a folder
     * that holds at least one such file at any depth. A folder of another hypervisor's files is not
     * a match, so that two file connectors never both claim one folder; a URL never is.
     */
    record Files(String extension, String example) implements TargetForm {
        public Files {
            Objects.requireNonNull(extension, "extension");
            Objects.requireNonNull(example, "example");
        }

        @Override
        public boolean matches(String target) {
            if (target == null || target.isBlank() || target.contains("://")) {
                return false;
            }
            Path p;
            try {
                p = Path.of(target);
            } catch (InvalidPathException e) {
                return false;
            }
            if (java.nio.file.Files.isRegularFile(p)) {
                return hasExtension(p);
            }
            return java.nio.file.Files.isDirectory(p) && holdsOne(p);
        }

        private boolean hasExtension(Path file) {
            Path name = file.getFileName();
            return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(extension.toLowerCase(Locale.ROOT));
        }

        /** Stops at the first file found; a subfolder that cannot be listed is passed over, not an error. */
        private boolean holdsOne(Path folder) {
            boolean[] found = {false};
            try {
                java.nio.file.Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!attrs.isDirectory() && hasExtension(file)) {
                            found[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                return found[0];
            }
            return found[0];
        }
    }
}
