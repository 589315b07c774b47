package org.hvdiag.audit.internal.rules;

import java.util.List;

import org.hvdiag.core.model.Host;

/**
 * Whether a VirtualBox host can run a VM's EHCI (USB 2.0) and xHCI (USB 3.0) controllers. Before
 * 7.0 they came with the Oracle Extension Pack, whose version must match VirtualBox's; from 7.0.0
 * they are in the base package (VirtualBox changelog 7.0.0). One place decides this, for the rule
 * that reports a missing pack and for fixes that must not add a controller the host cannot run.
 */
enum ExtensionPackStatus {
    /** VirtualBox 7.0 or later: EHCI and xHCI need no pack. */
    NOT_NEEDED,
    MATCHING,
    MISSING,
    OTHER_VERSION,
    /** No host, its VirtualBox version, its packs or the pack's version unknown: say nothing. */
    UNKNOWN;

    static final int FIRST_WITHOUT_PACK = 7;

    /** The pack's names: "Oracle VM VirtualBox Extension Pack" up to 6.1, "Oracle VirtualBox Extension Pack" later. */
    private static final String[] ORACLE_PACKS = {"Oracle VM VirtualBox Extension Pack", "Oracle VirtualBox Extension Pack"};

    static ExtensionPackStatus of(Host host) {
        if (host == null) {
            return UNKNOWN;
        }
        long vbox = VirtualBoxVersion.parse(host.productVersion());
        if (vbox == VirtualBoxVersion.UNKNOWN) {
            return UNKNOWN;
        }
        if (VirtualBoxVersion.major(vbox) >= FIRST_WITHOUT_PACK) {
            return NOT_NEEDED;
        }
        if (!host.extensionPacksKnown()) {
            return UNKNOWN;
        }
        String pack = oraclePack(host.extensionPacks());
        if (pack == null) {
            return MISSING;
        }
        long packVersion = VirtualBoxVersion.parse(pack, pack.lastIndexOf(' ') + 1);
        if (packVersion == VirtualBoxVersion.UNKNOWN) {
            return UNKNOWN;
        }
        return packVersion == vbox ? MATCHING : OTHER_VERSION;
    }

    /** True where a VM with EHCI or xHCI does not start. */
    boolean blocksEhciAndXhci() {
        return this == MISSING || this == OTHER_VERSION;
    }

    /** The Oracle pack's entry ("&lt;name&gt; &lt;version&gt;"), or null when the host has none. */
    static String oraclePack(List<String> packs) {
        for (int i = 0, n = packs.size(); i < n; i++) {
            String p = packs.get(i);
            for (String name : ORACLE_PACKS) {
                if (p.regionMatches(true, 0, name, 0, name.length())
                        && (p.length() == name.length() || p.charAt(name.length()) == ' ')) {
                    return p;
                }
            }
        }
        return null;
    }
}
