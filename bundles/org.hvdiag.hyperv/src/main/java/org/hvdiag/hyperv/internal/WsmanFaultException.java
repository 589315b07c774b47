package org.hvdiag.hyperv.internal;

import org.hvdiag.core.connector.ConnectorException;

/** A host that answered a request with a WS-Management fault; carries the fault for callers that act on it. */
final class WsmanFaultException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    private final transient WsmanFault fault;

    WsmanFaultException(String where, String operation, WsmanFault fault) {
        super(where + " refused " + operation + ": " + fault.text() + " (WS-Management fault"
                + (fault.subcode().isEmpty() ? " " + fault.code() : " " + fault.subcode())
                + (fault.wsmanCode() == null ? "" : ", code " + fault.wsmanCode()) + ")");
        this.fault = fault;
    }

    WsmanFault fault() {
        return fault;
    }
}
