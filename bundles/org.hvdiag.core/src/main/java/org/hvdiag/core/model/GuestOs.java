package org.hvdiag.core.model;

import java.util.Objects;

/**
 * The guest operating system as the hypervisor records it. {@code release} orders releases within
 * a family (Windows: 61 for 7/2008 R2, 62 for 8/2012, 100 for 10 and later; Linux: kernel series as
 * 206 for 2.6, -1 when unknown), so rules can test "Windows 8 / Server 2012 or later".
 */
public record GuestOs(String id, Family family, int release, boolean server, String displayName) {

    public enum Family { WINDOWS, LINUX, MACOS, OTHER }

    public static final GuestOs UNKNOWN = new GuestOs("", Family.OTHER, -1, false, "unknown");

    public GuestOs {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(family, "family");
        displayName = displayName == null || displayName.isEmpty() ? id : displayName;
    }

    public boolean isWindows() {
        return family == Family.WINDOWS;
    }

    public boolean isMacos() {
        return family == Family.MACOS;
    }
}
