package org.hvdiag.vboxweb;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The state every request works on (fleet, websessions) and the dispatch of a request to its
 * operation. Requests are answered one at a time under this object's lock: each takes microseconds,
 * and VirtualBox's own locking is per machine, which a single lock cannot contradict.
 */
final class Endpoint {
    /** What one request gave: the operation (as far as it could be read), the answer and its HTTP status. */
    record Answer(String operation, String body, int status) {
    }

    final Options options;
    final ApiVersion version;
    final Fleet fleet;
    final Websessions websessions;
    private final Map<String, Handler> handlers = new HashMap<>();

    Endpoint(Options options, Fleet fleet) {
        this.options = options;
        this.version = options.version();
        this.fleet = fleet;
        this.websessions = new Websessions(options.timeoutSeconds());
        SessionOperations.register(handlers);
        MachineOperations.register(handlers);
        UsbOperations.register(handlers);
    }

    Answer answer(byte[] body) {
        SoapRequest request;
        try {
            request = SoapRequest.parse(body);
        } catch (SoapFault f) {
            return new Answer("", SoapReply.fault(f), 500);
        }
        String op = request.operation();
        Call call = new Call(request, this);
        try {
            Handler h = handlers.get(op);
            if (!SoapRequest.VBOX_NS.equals(request.namespace()) || !version.has(op)) {
                throw new SoapFault(SoapFault.Kind.NO_METHOD, request.elementName(), "Method '" + request.elementName()
                        + "' not implemented: method name or namespace not recognized");
            }
            if (h == null) {
                throw new SoapFault(SoapFault.Kind.NOT_SERVED, op, "hvdiag's loopback vboxweb endpoint does not serve "
                        + op + " (VirtualBox " + version.version() + " has it; see tools/vboxweb-endpoint/README.md)");
            }
            String[] values;
            synchronized (this) {
                values = h.run(call);
            }
            return new Answer(op, SoapReply.ok(op, values), 200);
        } catch (SoapFault f) {
            return new Answer(op, SoapReply.fault(f), 500);
        } catch (VboxError e) {
            String infoRef;
            synchronized (this) {
                Websession ws = call.websession != null ? call.websession : websessions.of(call.self());
                infoRef = ws == null ? "" : ws.ref(new ErrorInfo(e.code.value, e.getMessage()));
            }
            return new Answer(op, SoapReply.runtimeFault(e, infoRef), 500);
        }
    }

    synchronized int expireIdle(long now) {
        return websessions.expire(now);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
