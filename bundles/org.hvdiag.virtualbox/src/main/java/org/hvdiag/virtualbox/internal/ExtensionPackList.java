package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of {@code VBoxManage list extpacks}: one block per pack, "Pack no. N:   NAME" then
 * "Version:", "Revision:", "Usable:" and more lines. Each pack becomes "NAME VERSION", the form the
 * {@code extpacks} option takes, so a rule reads both alike. A pack VirtualBox marks unusable is
 * still listed: a pack of the wrong version is exactly what the rules look for.
 */
public final class ExtensionPackList {

    private static final String PACK = "Pack no.";
    private static final String VERSION = "Version:";

    private ExtensionPackList() {
    }

    public static List<String> parse(String output) {
        List<String> packs = new ArrayList<>();
        String name = null;
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith(PACK)) {
                int colon = line.indexOf(':');
                name = colon < 0 ? null : line.substring(colon + 1).strip();
            } else if (name != null && line.startsWith(VERSION)) {
                String version = line.substring(VERSION.length()).strip();
                packs.add(version.isEmpty() ? name : name + " " + version);
                name = null;
            }
        }
        return packs;
    }
}
