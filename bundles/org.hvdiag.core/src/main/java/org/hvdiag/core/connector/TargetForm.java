package org.hvdiag.core.connector;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
     * VM files on this machine: a folder searched at any depth, or one file whose name ends with
     * {@code extension} (".vmx"). A folder is a match only when it exists; a URL never is.
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
            try {
                Path p = Path.of(target);
                return java.nio.file.Files.isDirectory(p) || (java.nio.file.Files.isRegularFile(p)
                        && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension.toLowerCase(Locale.ROOT)));
            } catch (InvalidPathException e) {
                return false;
            }
        }
    }
}
