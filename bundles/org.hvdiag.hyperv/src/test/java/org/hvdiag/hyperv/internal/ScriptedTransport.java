package org.hvdiag.hyperv.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;

/** A transport that answers from a script and remembers what was sent, in order. */
final class ScriptedTransport implements WsmanTransport {
    private final Deque<Object> answers = new ArrayDeque<>();
    final List<WsmanMessage> sent = new ArrayList<>();

    ScriptedTransport answer(String xml) {
        answers.add(xml);
        return this;
    }

    /** The next request fails as a lost connection would. */
    ScriptedTransport fail(String message) {
        answers.add(new ConnectorException(message));
        return this;
    }

    @Override
    public String where() {
        return "hv1.example:5986";
    }

    @Override
    public byte[] post(WsmanMessage message) throws ConnectorException {
        sent.add(message);
        Object next = answers.poll();
        if (next == null) {
            throw new AssertionError("no scripted answer left for " + message.operation());
        }
        if (next instanceof ConnectorException e) {
            throw e;
        }
        return Replies.bytes((String) next);
    }

    List<String> operations() {
        return sent.stream().map(WsmanMessage::operation).toList();
    }

    boolean exhausted() {
        return answers.isEmpty();
    }
}
