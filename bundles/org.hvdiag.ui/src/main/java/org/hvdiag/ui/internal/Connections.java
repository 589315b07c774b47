package org.hvdiag.ui.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The connections the admin added, kept in the workspace's preferences (name, connector, target,
 * user, options) with each password and each secret option in Eclipse secure storage, never in the
 * preferences file.
 */
@Component(service = Connections.class)
public final class Connections {
    private static final String OPTION = "option.";
    private static final String PASSWORD = "password";
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile ISecurePreferences secure;

    public List<Connection> all() {
        IEclipsePreferences root = prefs();
        List<Connection> found = new ArrayList<>();
        try {
            for (String key : root.childrenNames()) {
                var node = root.node(key);
                Map<String, String> options = new HashMap<>();
                for (String k : node.keys()) {
                    if (k.startsWith(OPTION)) {
                        options.put(k.substring(OPTION.length()), node.get(k, ""));
                    }
                }
                found.add(new Connection(EncodingUtils.decodeSlashes(key), node.get("connector", ""), node.get("target", ""),
                        node.get("user", ""), options));
            }
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot read the connections from the workspace preferences", e);
        }
        found.sort(java.util.Comparator.comparing(Connection::name));
        return found;
    }

    public Optional<Connection> named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Adds or replaces the connection of that name; a null password keeps the stored one, as it keeps stored secret options. */
    public void save(Connection c, char[] password) throws StorageException {
        save(c, password, null);
    }

    /**
     * Adds or replaces the connection of that name. Secret options (by option name) go to secure
     * storage beside the password and replace the stored ones; null keeps them. The connection's own
     * options are written to the preferences, so they must hold no secret.
     */
    public void save(Connection c, char[] password, Map<String, String> secretOptions) throws StorageException {
        IEclipsePreferences root = prefs();
        var node = root.node(EncodingUtils.encodeSlashes(c.name()));
        try {
            node.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException(e);
        }
        node.put("connector", c.connectorId());
        node.put("target", c.target());
        node.put("user", c.user());
        c.options().forEach((k, v) -> node.put(OPTION + k, v));
        boolean secretsChanged = false;
        if (password != null && password.length > 0) {
            secureNode(c.name()).put(PASSWORD, new String(password), true);
            secretsChanged = true;
        }
        if (secretOptions != null) {
            ISecurePreferences s = secureNode(c.name());
            for (String k : s.keys()) {
                if (k.startsWith(OPTION)) {
                    s.remove(k);
                }
            }
            for (Map.Entry<String, String> e : secretOptions.entrySet()) {
                s.put(OPTION + e.getKey(), e.getValue(), true);
            }
            secretsChanged = true;
        }
        if (secretsChanged) {
            flushSecure();
        }
        flush(root);
        fire();
    }

    public void remove(String name) {
        IEclipsePreferences root = prefs();
        try {
            root.node(EncodingUtils.encodeSlashes(name)).removeNode();
            flush(root);
            ISecurePreferences s = secureRoot();
            String key = EncodingUtils.encodeSlashes(name);
            if (s.nodeExists(key)) {
                s.node(key).removeNode();
                flushSecure();
            }
        } catch (BackingStoreException | RuntimeException e) {
            throw new IllegalStateException("cannot remove connection " + name + ": " + e.getMessage(), e);
        }
        fire();
    }

    /** The stored password, or an empty array when the connection has none. */
    public char[] password(String name) throws StorageException {
        String key = EncodingUtils.encodeSlashes(name);
        ISecurePreferences s = secureRoot();
        if (!s.nodeExists(key)) {
            return new char[0];
        }
        String pw = s.node(key).get(PASSWORD, "");
        return pw.toCharArray();
    }

    /** The secret options kept in secure storage for the connection, by option name. */
    public Map<String, String> secretOptions(String name) throws StorageException {
        String key = EncodingUtils.encodeSlashes(name);
        ISecurePreferences s = secureRoot();
        Map<String, String> found = new HashMap<>();
        if (s.nodeExists(key)) {
            ISecurePreferences node = s.node(key);
            for (String k : node.keys()) {
                if (k.startsWith(OPTION)) {
                    found.put(k.substring(OPTION.length()), node.get(k, ""));
                }
            }
        }
        return found;
    }

    /** Everything the connector is given as options: the connection's own and its secret ones. */
    public Map<String, String> allOptions(Connection c) throws StorageException {
        Map<String, String> all = new HashMap<>(c.options());
        all.putAll(secretOptions(c.name()));
        return all;
    }

    /** Where passwords go; the default secure storage unless a test or an embedding product sets another. */
    public void useSecureStorage(ISecurePreferences storage) {
        secure = storage;
    }

    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

    private ISecurePreferences secureRoot() {
        ISecurePreferences s = secure != null ? secure : SecurePreferencesFactory.getDefault();
        if (s == null) {
            throw new IllegalStateException("Eclipse secure storage is not available");
        }
        return s.node("org.hvdiag.ui/connections");
    }

    private ISecurePreferences secureNode(String name) {
        return secureRoot().node(EncodingUtils.encodeSlashes(name));
    }

    private void flushSecure() {
        try {
            (secure != null ? secure : SecurePreferencesFactory.getDefault()).flush();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot save the secure storage: " + e.getMessage(), e);
        }
    }

    private static IEclipsePreferences prefs() {
        return (IEclipsePreferences) InstanceScope.INSTANCE.getNode("org.hvdiag.ui").node("connections");
    }

    private static void flush(IEclipsePreferences p) {
        try {
            p.flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot save the connections: " + e.getMessage(), e);
        }
    }

    private void fire() {
        for (Runnable r : listeners) {
            r.run();
        }
    }
}
