package org.hvdiag.audit.internal.rules;

import org.hvdiag.core.model.GuestOs;
import org.hvdiag.core.model.HypervisorKind;

/**
 * Whether a guest can drive USB passthrough through an xHCI controller: Windows 8 / Server 2012
 * (release 62) or later, or Linux kernel 2.6.35 or later (vSphere 8 VM Administration).
 * <p>
 * The model keeps Linux kernels by series only (206 for every 2.6.x), so a 2.6 guest is UNKNOWN:
 * 2.6.32, the kernel of RHEL 6, is a 2.6 guest that predates the 2.6.35 minimum. Rules neither
 * remove an xHCI controller from such a guest nor add one to it.
 * <p>
 * VirtualBox says the same of Windows in its own words: its guest OS table recommends USB 3 for
 * Windows 8 and later, not for Windows 7 and older (Main Global.cpp, recommendedUSB3). It says
 * nothing of a Linux kernel version, so on VirtualBox only Windows guests are judged.
 */
enum GuestXhciSupport {
    SUPPORTED, UNSUPPORTED, UNKNOWN;

    static final int FIRST_WINDOWS = 62;
    static final int LINUX_2_6 = 206;

    static GuestXhciSupport of(GuestOs os) {
        int release = os.release();
        if (release < 0) {
            return UNKNOWN;
        }
        switch (os.family()) {
            case WINDOWS:
                return release >= FIRST_WINDOWS ? SUPPORTED : UNSUPPORTED;
            case LINUX:
                return release > LINUX_2_6 ? SUPPORTED : release < LINUX_2_6 ? UNSUPPORTED : UNKNOWN;
            default:
                return UNKNOWN;
        }
    }

    /** As {@link #of(GuestOs)}, on the hypervisor whose statement covers the guest. */
    static GuestXhciSupport of(GuestOs os, HypervisorKind kind) {
        if (kind == HypervisorKind.VIRTUALBOX && !os.isWindows()) {
            return UNKNOWN;
        }
        return of(os);
    }

    /** The minimum, in the words of the guest's own family. */
    static String minimumFor(GuestOs os) {
        return os.family() == GuestOs.Family.LINUX ? "Linux kernel 2.6.35 or later"
                : "Windows 8 / Windows Server 2012 or later";
    }
}
