package org.hvdiag.vboxweb;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One logon's managed object references, as vboxwebsrv keeps them: "<websession id>-<object id>",
 * 16 lowercase hex digits each; one reference per object (asking twice gives the same string);
 * object ids count from 1.
 */
final class Websession {
    /** The IVirtualBox object of this websession. */
    static final class VirtualBoxObject {
    }

    /** The IHost object. */
    static final class HostObject {
    }

    final long id;
    final String prefix;
    final VirtualBoxObject virtualBox = new VirtualBoxObject();
    final HostObject host = new HostObject();
    private long nextObjectId = 1;
    private final Map<Long, Object> byId = new HashMap<>();
    private final Map<Object, Long> byObject = new IdentityHashMap<>();
    long lastUseNanos;

    Websession(long id, long now) {
        this.id = id;
        this.prefix = hex16(id) + "-";
        this.lastUseNanos = now;
    }

    String ref(Object o) {
        Long n = byObject.get(o);
        if (n == null) {
            n = nextObjectId++;
            byObject.put(o, n);
            byId.put(n, o);
        }
        return prefix + hex16(n);
    }

    Object object(long objectId) {
        return byId.get(objectId);
    }

    /**
     * IManagedObjectRef_release. Releasing an ISession's last reference destroys it, which unlocks
     * its machine (Session::uninit), dropping unsaved changes.
     */
    boolean release(long objectId) {
        Object o = byId.remove(objectId);
        if (o == null) {
            return false;
        }
        byObject.remove(o);
        if (o instanceof SessionObject s) {
            s.unlock();
        }
        return true;
    }

    /** Logoff or timeout: every reference goes, every session of this websession unlocks. */
    void close() {
        for (Object o : byId.values()) {
            if (o instanceof SessionObject s) {
                s.unlock();
            }
        }
        byId.clear();
        byObject.clear();
    }

    static String hex16(long n) {
        String h = Long.toHexString(n);
        return "0000000000000000".substring(h.length()) + h;
    }
}
