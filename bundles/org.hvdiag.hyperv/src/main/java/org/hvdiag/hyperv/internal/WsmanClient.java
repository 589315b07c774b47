package org.hvdiag.hyperv.internal;

import org.hvdiag.core.connector.ConnectorException;

/** Sends a request and checks that the reply is the kind the request asks for; faults become exceptions. */
final class WsmanClient {
    private final WsmanTransport transport;

    WsmanClient(WsmanTransport transport) {
        this.transport = transport;
    }

    String where() {
        return transport.where();
    }

    <T extends WsmanReply> T call(WsmanMessage request, Class<T> expected) throws ConnectorException {
        byte[] body = transport.post(request);
        WsmanReply reply;
        try {
            reply = WsmanReplyParser.parse(body);
        } catch (ReplyFormatException e) {
            throw new ConnectorException(transport.where() + " answered " + request.operation()
                    + " with a reply hvdiag cannot read: " + e.getMessage() + " (is this a WinRM service?)", e);
        }
        if (reply instanceof WsmanReply.Fault f) {
            throw new WsmanFaultException(transport.where(), request.operation(), f.fault());
        }
        if (!expected.isInstance(reply)) {
            throw new ConnectorException(transport.where() + " answered " + request.operation() + " with "
                    + describe(reply) + ", not the " + request.operation() + " reply expected");
        }
        return expected.cast(reply);
    }

    private static String describe(WsmanReply reply) {
        return reply.action().isEmpty() ? reply.getClass().getSimpleName() : "action " + reply.action();
    }
}
