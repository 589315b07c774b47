package org.hvdiag.libvirt.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.hvdiag.core.connector.ConnectorOption;
import org.hvdiag.core.connector.OptionType;

/**
 * Where the QEMU logs of a libvirt connection's domains are, as a folder on this machine, or why
 * hvdiag cannot read them. libvirt has no API that hands out a domain's log, so the folder follows
 * from the URI: qemu:///system writes /var/log/libvirt/qemu (LOCALSTATEDIR in libvirt's
 * src/qemu/qemu_conf.c); qemu:///session writes $XDG_CACHE_HOME/libvirt/qemu/log, by default
 * ~/.cache/libvirt/qemu/log, of the user the session daemon runs as. A remote URI's logs are on
 * that host. The {@link #OPTION} names the folder outright (a copy, an NFS mount of the host's
 * /var/log, a session daemon with its own XDG folders).
 */
public record QemuLogFolder(Path folder, String note) {

    public static final ConnectorOption OPTION = new ConnectorOption("qemu-log-folder", OptionType.TEXT, false,
            "Folder with the domains' QEMU logs NAME.log (default: /var/log/libvirt/qemu for qemu:///system, "
                    + "~/.cache/libvirt/qemu/log for qemu:///session; none for a remote URI).");

    /** Where the project's tools/session-libvirtd keeps its daemon's cache below its folder DIR. */
    private static final String SESSION_SCRIPT_LOGS = "home/k/libvirt/qemu/log";

    public boolean readable() {
        return folder != null;
    }

    static QemuLogFolder of(Path folder) {
        return new QemuLogFolder(folder, "");
    }

    static QemuLogFolder none(String note) {
        return new QemuLogFolder(null, note);
    }

    /**
     * @param override the option's value, or null
     * @param home the home of the user hvdiag runs as; {@code xdgCache} its XDG_CACHE_HOME or null
     */
    static QemuLogFolder locate(String uriText, String override, Path home, String xdgCache) {
        if (override != null && !override.isBlank()) {
            return of(Path.of(override.strip()));
        }
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            return none("cannot tell where the QEMU logs of " + uriText + " are: set " + OPTION.flag());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String host = uri.getHost();
        if (scheme.startsWith("test")) {
            return none("libvirt's test driver runs no QEMU: there is no QEMU log");
        }
        if (!scheme.equals("qemu") && !scheme.equals("qemu+unix")) {
            return none("the QEMU logs are on the host " + (host == null ? uriText : host)
                    + " (/var/log/libvirt/qemu/NAME.log there): copy or mount them and set " + OPTION.flag());
        }
        if (host != null && !host.isEmpty() && !host.equals("localhost")) {
            return none("the QEMU logs are on the host " + host + ": copy or mount them and set " + OPTION.flag());
        }
        if (path.startsWith("/system")) {
            return of(Path.of("/var/log/libvirt/qemu"));
        }
        if (path.startsWith("/session")) {
            String socket = param(uri.getRawQuery(), "socket");
            if (socket != null) {
                return sessionBySocket(Path.of(socket), home, xdgCache);
            }
            return of(cache(home, xdgCache));
        }
        return none("cannot tell where the QEMU logs of " + uriText + " are: set " + OPTION.flag());
    }

    /**
     * A session daemon reached through its socket: the socket is in its XDG_RUNTIME_DIR, which
     * says nothing of its XDG_CACHE_HOME, except for this user's own daemon
     * (/run/user/UID/libvirt/libvirt-sock) and one started by the project's tools/session-libvirtd
     * DIR (socket DIR/run/libvirt/libvirt-sock, logs DIR/home/k/libvirt/qemu/log).
     */
    private static QemuLogFolder sessionBySocket(Path socket, Path home, String xdgCache) {
        Path runtime = socket.getParent() == null ? null : socket.getParent().getParent();
        if (runtime != null && runtime.getParent() != null) {
            Path script = runtime.getParent().resolve(SESSION_SCRIPT_LOGS);
            if (Files.isDirectory(script)) {
                return of(script);
            }
        }
        String own = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && own != null && runtime.equals(Path.of(own))) {
            return of(cache(home, xdgCache));
        }
        return none("cannot tell where the session daemon behind " + socket + " keeps its QEMU logs "
                + "($XDG_CACHE_HOME/libvirt/qemu/log of the user it runs as): set " + OPTION.flag());
    }

    private static Path cache(Path home, String xdgCache) {
        Path base = xdgCache != null && !xdgCache.isBlank() ? Path.of(xdgCache) : home.resolve(".cache");
        return base.resolve("libvirt/qemu/log");
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
