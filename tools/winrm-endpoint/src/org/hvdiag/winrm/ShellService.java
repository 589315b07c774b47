package org.hvdiag.winrm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.w3c.dom.Element;

/**
 * The cmd shell resource of WS-Management (MS-WSMV 3.1.4.1, Windows Remote Shell): Create, Command,
 * Receive, Signal and Delete, each answered with the envelope or the fault a Windows host gives.
 */
final class ShellService {
    /** One answered request: a short name for the recording, the envelope, the HTTP status. */
    record Answer(String action, String body, int status) {
    }

    /** Who sent a request and how they addressed the host. */
    record Caller(String user, String clientIp, String machine) {
    }

    private final Map<String, Shell> shells = new ConcurrentHashMap<>();
    private final WindowsCommands commands;
    private final Duration commandDelay;
    private final ScheduledExecutorService scheduler;

    ShellService(WindowsCommands commands, Duration commandDelay, ScheduledExecutorService scheduler) {
        this.commands = commands;
        this.commandDelay = commandDelay;
        this.scheduler = scheduler;
    }

    Answer answer(byte[] body, Caller caller) {
        WsmanRequest r = null;
        String name = "";
        try {
            r = WsmanRequest.parse(body);
            name = shortName(r.action());
            if (r.resourceUri() == null || !r.resourceUri().equalsIgnoreCase(Ns.CMD_RESOURCE)) {
                throw WsmanFault.resourceNotFound();
            }
            String reply = switch (r.action()) {
                case Ns.ACTION_CREATE -> create(r, caller);
                case Ns.ACTION_COMMAND -> command(r);
                case Ns.ACTION_RECEIVE -> receive(r);
                case Ns.ACTION_SIGNAL -> signal(r);
                case Ns.ACTION_DELETE -> delete(r);
                default -> throw WsmanFault.actionNotSupported();
            };
            return new Answer(name, reply, 200);
        } catch (WsmanFault f) {
            return fault(name, r == null ? null : r.messageId(), f, caller);
        }
    }

    Answer fault(String name, String relatesTo, WsmanFault f, Caller caller) {
        return new Answer(name.isEmpty() ? "Fault" : name, Envelopes.fault(relatesTo, f, caller.machine()), 500);
    }

    static String shortName(String action) {
        return action.substring(action.lastIndexOf('/') + 1);
    }

    private String create(WsmanRequest r, Caller caller) throws WsmanFault {
        Element shell = body(r, "Shell");
        String in = text(shell, "InputStreams", "stdin");
        String out = text(shell, "OutputStreams", "stdout stderr");
        Shell s = Shell.open(UUID.randomUUID().toString().toUpperCase(), caller.user(), caller.clientIp(), in, out);
        shells.put(s.id(), s);
        return Envelopes.created(r.messageId(), r.to() == null ? "" : r.to(), s);
    }

    private String command(WsmanRequest r) throws WsmanFault {
        Shell shell = shell(r);
        Element line = body(r, "CommandLine");
        Element command = WsmanRequest.child(line, Ns.SHELL, "Command");
        if (command == null) {
            throw WsmanFault.notSoap("CommandLine has no Command");
        }
        List<String> args = new ArrayList<>();
        for (Element a : WsmanRequest.children(line, Ns.SHELL, "Arguments")) {
            args.add(a.getTextContent());
        }
        CommandLine cl = new CommandLine(command.getTextContent().strip(), args, r.option("WINRS_SKIP_CMD_SHELL"));
        String id = UUID.randomUUID().toString().toUpperCase();
        ShellCommand sc = startChecked(id, cl);
        shell.commands().put(id, sc);
        return Envelopes.commandStarted(r.messageId(), id);
    }

    /**
     * Runs the command later (after the configured delay) but raises now what CreateProcess would:
     * with WINRS_SKIP_CMD_SHELL a missing program or an over-long line fails the Command request.
     */
    private ShellCommand startChecked(String id, CommandLine cl) throws WsmanFault {
        if (cl.skipCmdShell()) {
            commands.check(cl);
        }
        return new ShellCommand(id, () -> {
            try {
                return commands.run(cl);
            } catch (WsmanFault f) {
                // check() let it through, so this cannot happen; if it does, say so rather than hang.
                return CommandOutput.of("", f.detailMessage + "\n", 1);
            }
        }, commandDelay, scheduler);
    }

    private String receive(WsmanRequest r) throws WsmanFault {
        Shell shell = shell(r);
        Element receive = body(r, "Receive");
        Element desired = WsmanRequest.child(receive, Ns.SHELL, "DesiredStream");
        String commandId = desired == null ? null : WsmanRequest.attribute(desired, "CommandId");
        ShellCommand c = shell.command(commandId);
        // Room for the envelope around the streams; base64 grows the bytes by a third.
        int budget = Math.max(1024, (r.maxEnvelopeSize() - 2048) / 4 * 3);
        OutputChunk chunk = c.next(r.operationTimeout(), budget);
        return Envelopes.received(r.messageId(), c.id(), chunk);
    }

    private String signal(WsmanRequest r) throws WsmanFault {
        Shell shell = shell(r);
        Element signal = body(r, "Signal");
        String commandId = WsmanRequest.attribute(signal, "CommandId");
        ShellCommand c = shell.command(commandId);
        String code = WsmanRequest.text(WsmanRequest.child(signal, Ns.SHELL, "Code"));
        if (Ns.SIGNAL_TERMINATE.equals(code)) {
            c.stop();
            shell.commands().remove(commandId);
        } else if (Ns.SIGNAL_CTRL_C.equals(code) || Ns.SIGNAL_CTRL_BREAK.equals(code)) {
            c.stop();
        } else {
            throw WsmanFault.invalidParameter("signal code " + code);
        }
        return Envelopes.signalled(r.messageId());
    }

    private String delete(WsmanRequest r) throws WsmanFault {
        Shell shell = shell(r);
        shells.remove(shell.id());
        for (ShellCommand c : shell.commands().values()) {
            c.stop();
        }
        return Envelopes.deleted(r.messageId());
    }

    private Shell shell(WsmanRequest r) throws WsmanFault {
        if (r.shellId() == null) {
            throw WsmanFault.shellIdMissing();
        }
        Shell s = shells.get(r.shellId().toUpperCase());
        if (s == null) {
            throw WsmanFault.shellNotFound(r.shellId());
        }
        return s;
    }

    private static Element body(WsmanRequest r, String local) throws WsmanFault {
        Element b = r.body();
        if (b == null || !Ns.SHELL.equals(b.getNamespaceURI()) || !local.equals(b.getLocalName())) {
            throw WsmanFault.notSoap("the body of " + shortName(r.action()) + " must be rsp:" + local);
        }
        return b;
    }

    private static String text(Element parent, String local, String otherwise) {
        String t = WsmanRequest.text(WsmanRequest.child(parent, Ns.SHELL, local));
        return t == null || t.isEmpty() ? otherwise : t;
    }

    int openShells() {
        return shells.size();
    }
}
