package org.hvdiag.vboxweb;

/**
 * One request being answered: its parameters, the shared state, and the websession its _this
 * reference belongs to (for the references the answer hands out).
 */
final class Call {
    final SoapRequest request;
    final Endpoint endpoint;
    Websession websession;

    Call(SoapRequest request, Endpoint endpoint) {
        this.request = request;
        this.endpoint = endpoint;
    }

    String param(String name) {
        return request.param(name);
    }

    String self() {
        return request.param("_this");
    }

    <T> T self(Class<T> type) throws SoapFault {
        T t = endpoint.websessions.resolve(self(), type);
        websession = endpoint.websessions.of(self());
        return t;
    }

    MachineObject machine() throws SoapFault, VboxError {
        MachineObject m = self(MachineObject.class);
        m.checkReady();
        return m;
    }

    MachineObject.Part part(String iface) throws SoapFault, VboxError {
        MachineObject.Part p = endpoint.websessions.resolvePart(self(), iface);
        websession = endpoint.websessions.of(self());
        p.machine().checkReady();
        return p;
    }

    String ref(Object o) {
        return websession.ref(o);
    }

    long unsignedInt(String name) throws SoapFault {
        try {
            long v = Long.parseLong(param(name).strip());
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw typeMismatch(name);
        }
    }

    /** An xsd:long parameter. */
    long signedLong(String name) throws SoapFault {
        try {
            return Long.parseLong(param(name).strip());
        } catch (NumberFormatException e) {
            throw typeMismatch(name);
        }
    }

    boolean bool(String name) throws SoapFault {
        return switch (param(name).strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw typeMismatch(name);
        };
    }

    /** gSOAP's SOAP_TYPE fault for a value its deserialiser cannot read. */
    SoapFault typeMismatch(String name) {
        return new SoapFault(SoapFault.Kind.BAD_REQUEST, "",
                "Validation constraint violation: data type mismatch in element '" + name + "'");
    }

    static String[] one(String v) {
        return new String[] { v };
    }
}
