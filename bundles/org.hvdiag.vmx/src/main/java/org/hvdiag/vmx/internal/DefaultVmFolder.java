package org.hvdiag.vmx.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where VMware Workstation or Fusion puts new VMs on this machine: the admin's own choice
 * ({@code prefvmx.defaultVMPath} in VMware's preferences file) when there is one, else the product's
 * default (Linux ~/vmware, Windows %USERPROFILE%\Documents\Virtual Machines, macOS
 * ~/Virtual Machines.localized).
 */
public final class DefaultVmFolder {
    static final String PREFERENCE = "prefvmx.defaultVMPath";

    private DefaultVmFolder() {
    }

    public static Path forThisMachine() {
        return Path.of(of(System.getProperty("os.name", ""), System.getProperty("user.home", ""), System.getenv()));
    }

    static String of(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            String chosen = appData == null ? null : preference(appData + "\\VMware\\preferences.ini");
            String profile = env.getOrDefault("USERPROFILE", home);
            return chosen != null ? chosen : profile + "\\Documents\\Virtual Machines";
        }
        if (os.startsWith("mac")) {
            String chosen = preference(home + "/Library/Preferences/VMware Fusion/preferences");
            return chosen != null ? chosen : home + "/Virtual Machines.localized";
        }
        String chosen = preference(home + "/.vmware/preferences");
        return chosen != null ? chosen : home + "/vmware";
    }

    /** The folder the preferences file names, or null without a readable file or the key. */
    static String preference(String preferencesFile) {
        try {
            Path p = Path.of(preferencesFile);
            if (!Files.isRegularFile(p)) {
                return null;
            }
            String v = VmxFile.read(p).value(PREFERENCE);
            return v == null || v.isBlank() ? null : v;
        } catch (VmxFileException | InvalidPathException e) {
            return null; // a broken preferences file should not stop an audit: the product default stands
        }
    }
}
