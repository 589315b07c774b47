package org.hvdiag.audit;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/** The admin's --vm glob ('web-*'), matched against a VM's name or its id. */
public final class VmNamePattern {
    private final PathMatcher matcher;

    private VmNamePattern(PathMatcher matcher) {
        this.matcher = matcher;
    }

    /** null for "every VM". */
    public static VmNamePattern of(String glob) {
        return glob == null ? null : new VmNamePattern(FileSystems.getDefault().getPathMatcher("glob:" + glob));
    }

    public boolean matches(String name, String id) {
        return matches(name) || matches(id);
    }

    private boolean matches(String text) {
        try {
            return text != null && matcher.matches(Path.of(text));
        } catch (RuntimeException invalidPath) {
            return false;
        }
    }
}
