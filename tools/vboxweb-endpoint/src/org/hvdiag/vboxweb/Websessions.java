package org.hvdiag.vboxweb;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The open websessions and the lookup of a managed object reference to its object. Any reference
 * that is malformed, of a closed websession, released, or of another interface than the operation
 * needs is an InvalidObjectFault, as in vboxwebsrv's findComPtrFromId.
 */
final class Websessions {
    private final Map<Long, Websession> open = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final long timeoutNanos;

    Websessions(int timeoutSeconds) {
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
    }

    Websession logon() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0 || open.containsKey(id));
        Websession ws = new Websession(id, System.nanoTime());
        open.put(id, ws);
        return ws;
    }

    /** The websession a reference was made in (touched), or null. */
    Websession of(String ref) {
        if (ref.length() != 33 || ref.charAt(16) != '-') {
            return null;
        }
        try {
            Websession ws = open.get(Long.parseUnsignedLong(ref.substring(0, 16), 16));
            if (ws != null) {
                ws.lastUseNanos = System.nanoTime();
            }
            return ws;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long objectId(String ref) {
        try {
            return Long.parseUnsignedLong(ref.substring(17), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    <T> T resolve(String ref, Class<T> type) throws SoapFault {
        Websession ws = of(ref);
        Object o = ws == null ? null : ws.object(objectId(ref));
        if (!type.isInstance(o)) {
            throw SoapFault.invalidObject(ref);
        }
        return type.cast(o);
    }

    MachineObject.Part resolvePart(String ref, String iface) throws SoapFault {
        MachineObject.Part p = resolve(ref, MachineObject.Part.class);
        if (!p.iface().equals(iface)) {
            throw SoapFault.invalidObject(ref);
        }
        return p;
    }

    void logoff(String ref) {
        Websession ws = of(ref);
        if (ws != null) {
            open.remove(ws.id);
            ws.close();
        }
    }

    /** vboxwebsrv's watchdog: websessions idle longer than the timeout are logged off. */
    int expire(long now) {
        int n = 0;
        for (Iterator<Websession> it = open.values().iterator(); it.hasNext();) {
            Websession ws = it.next();
            if (now - ws.lastUseNanos > timeoutNanos) {
                it.remove();
                ws.close();
                n++;
            }
        }
        return n;
    }

    int count() {
        return open.size();
    }
}
