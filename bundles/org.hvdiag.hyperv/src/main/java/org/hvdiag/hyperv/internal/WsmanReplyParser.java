package org.hvdiag.hyperv.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Turns a reply's bytes into a {@link WsmanReply}, or says what in it was not what WS-Management sends. */
final class WsmanReplyParser {
    private WsmanReplyParser() {
    }

    static WsmanReply parse(byte[] reply) throws ReplyFormatException {
        return parse(new ByteArrayInputStream(reply));
    }

    static WsmanReply parse(InputStream in) throws ReplyFormatException {
        XmlNode envelope = XmlTree.read(in);
        if (!envelope.is(WsmanNs.SOAP, "Envelope")) {
            throw new ReplyFormatException("expected a SOAP 1.2 Envelope (" + WsmanNs.SOAP + "), got <"
                    + envelope.qualified() + ">");
        }
        XmlNode header = envelope.child(WsmanNs.SOAP, "Header");
        XmlNode actionNode = header == null ? null : header.child(WsmanNs.ADDRESSING, "Action");
        String action = actionNode == null ? "" : actionNode.trimmed();
        XmlNode body = envelope.child(WsmanNs.SOAP, "Body");
        if (body == null) {
            throw new ReplyFormatException("the SOAP Envelope has no Body");
        }
        XmlNode fault = body.child(WsmanNs.SOAP, "Fault");
        if (fault != null) {
            return new WsmanReply.Fault(action, fault(fault));
        }
        XmlNode created = body.child(WsmanNs.TRANSFER, "ResourceCreated");
        XmlNode shell = body.child(WsmanNs.SHELL, "Shell");
        if (created != null || shell != null) {
            return new WsmanReply.ShellCreated(action, shellId(created, shell));
        }
        XmlNode command = body.child(WsmanNs.SHELL, "CommandResponse");
        if (command != null) {
            return new WsmanReply.CommandStarted(action, required(command, WsmanNs.SHELL, "CommandId"));
        }
        XmlNode receive = body.child(WsmanNs.SHELL, "ReceiveResponse");
        if (receive != null) {
            return received(action, receive);
        }
        XmlNode enumerated = body.child(WsmanNs.ENUMERATION, "EnumerateResponse");
        if (enumerated == null) {
            enumerated = body.child(WsmanNs.ENUMERATION, "PullResponse");
        }
        if (enumerated != null) {
            return enumerated(action, enumerated);
        }
        return new WsmanReply.Acknowledged(action, body.children().isEmpty() ? "" : body.children().get(0).name());
    }

    /**
     * The shell id: WinRM names it twice in newer versions (the ResourceCreated reference's ShellId
     * selector and rsp:Shell/rsp:ShellId), once in older ones (the selector only). Both must agree.
     */
    private static String shellId(XmlNode created, XmlNode shell) throws ReplyFormatException {
        String fromSelector = null;
        if (created != null) {
            XmlNode set = created.find(WsmanNs.WSMAN, "SelectorSet");
            if (set != null) {
                for (XmlNode s : set.all(WsmanNs.WSMAN, "Selector")) {
                    if ("ShellId".equals(s.attribute("Name"))) {
                        fromSelector = s.trimmed();
                    }
                }
            }
        }
        XmlNode idNode = shell == null ? null : shell.child(WsmanNs.SHELL, "ShellId");
        String fromShell = idNode == null ? null : idNode.trimmed();
        if (fromSelector != null && fromShell != null && !fromSelector.equalsIgnoreCase(fromShell)) {
            throw new ReplyFormatException("the Create reply names two shells: selector ShellId " + fromSelector
                    + " and Shell/ShellId " + fromShell);
        }
        String id = fromShell != null ? fromShell : fromSelector;
        if (id == null || id.isEmpty()) {
            throw new ReplyFormatException("a Create reply without a shell id (expected rsp:Shell/rsp:ShellId or a "
                    + "ResourceCreated selector Name=\"ShellId\")");
        }
        return id;
    }

    private static WsmanReply.Received received(String action, XmlNode receive) throws ReplyFormatException {
        List<StreamChunk> chunks = new ArrayList<>();
        for (XmlNode s : receive.all(WsmanNs.SHELL, "Stream")) {
            String name = s.attribute("Name");
            if (name == null || name.isEmpty()) {
                throw new ReplyFormatException("an rsp:Stream without a Name (expected stdout or stderr)");
            }
            chunks.add(new StreamChunk(name, s.attribute("CommandId"), base64(s.text(), name),
                    "true".equalsIgnoreCase(s.attribute("End"))));
        }
        CommandState state = null;
        XmlNode st = receive.child(WsmanNs.SHELL, "CommandState");
        if (st != null) {
            String stateUri = st.attribute("State");
            if (stateUri == null || stateUri.isEmpty()) {
                throw new ReplyFormatException("an rsp:CommandState without a State");
            }
            XmlNode exit = st.child(WsmanNs.SHELL, "ExitCode");
            Long code = null;
            if (exit != null) {
                try {
                    code = Long.parseLong(exit.trimmed());
                } catch (NumberFormatException e) {
                    throw new ReplyFormatException("rsp:ExitCode '" + exit.trimmed() + "' is not a number");
                }
            }
            state = new CommandState(st.attribute("CommandId"), stateUri, code);
            if (state.done() && code == null) {
                throw new ReplyFormatException("a CommandState Done without an rsp:ExitCode");
            }
        }
        return new WsmanReply.Received(action, chunks, state);
    }

    private static byte[] base64(String text, String stream) throws ReplyFormatException {
        String compact = text.replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new ReplyFormatException("the " + stream + " stream is not base64 (" + e.getMessage() + ")");
        }
    }

    private static WsmanReply.Enumerated enumerated(String action, XmlNode response) {
        XmlNode ctx = response.child(WsmanNs.ENUMERATION, "EnumerationContext");
        // An optimized Enumerate puts its items and end marker in the wsman namespace, a Pull in the
        // enumeration namespace.
        XmlNode items = response.child(WsmanNs.WSMAN, "Items");
        if (items == null) {
            items = response.child(WsmanNs.ENUMERATION, "Items");
        }
        List<EnumItem> list = new ArrayList<>();
        if (items != null) {
            for (XmlNode i : items.children()) {
                list.add(new EnumItem(i));
            }
        }
        boolean end = response.child(WsmanNs.WSMAN, "EndOfSequence") != null
                || response.child(WsmanNs.ENUMERATION, "EndOfSequence") != null;
        String context = ctx == null || ctx.trimmed().isEmpty() ? null : ctx.trimmed();
        return new WsmanReply.Enumerated(action, end ? null : context, list, end);
    }

    private static WsmanFault fault(XmlNode fault) {
        XmlNode code = fault.child(WsmanNs.SOAP, "Code");
        String value = text(code == null ? null : code.child(WsmanNs.SOAP, "Value"));
        XmlNode sub = code == null ? null : code.child(WsmanNs.SOAP, "Subcode");
        String subValue = text(sub == null ? null : sub.child(WsmanNs.SOAP, "Value"));
        XmlNode reason = fault.child(WsmanNs.SOAP, "Reason");
        String reasonText = text(reason == null ? null : reason.child(WsmanNs.SOAP, "Text"));
        XmlNode detail = fault.child(WsmanNs.SOAP, "Detail");
        XmlNode wf = detail == null ? null : detail.find(WsmanNs.WSMAN_FAULT, "WSManFault");
        Long wsmanCode = null;
        String message = "";
        String machine = "";
        if (wf != null) {
            try {
                wsmanCode = wf.attribute("Code") == null ? null : Long.parseLong(wf.attribute("Code").strip());
            } catch (NumberFormatException e) {
                wsmanCode = null;
            }
            message = XmlTree.oneLine(allText(wf.child(WsmanNs.WSMAN_FAULT, "Message")));
            machine = wf.attribute("Machine") == null ? "" : wf.attribute("Machine");
        }
        return new WsmanFault(value, subValue, XmlTree.oneLine(reasonText), wsmanCode, message, machine);
    }

    /** A fault Message can hold provider elements (f:ProviderFault with nested text): keep all of its text. */
    private static String allText(XmlNode n) {
        if (n == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(n.text());
        for (XmlNode c : n.children()) {
            b.append(' ').append(allText(c));
        }
        return b.toString();
    }

    private static String text(XmlNode n) {
        return n == null ? "" : n.trimmed();
    }

    private static String required(XmlNode parent, String ns, String local) throws ReplyFormatException {
        XmlNode n = parent.child(ns, local);
        if (n == null || n.trimmed().isEmpty()) {
            throw new ReplyFormatException("<" + parent.name() + "> without <" + local + ">");
        }
        return n.trimmed();
    }
}
