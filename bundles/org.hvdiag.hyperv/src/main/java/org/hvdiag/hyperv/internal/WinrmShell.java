package org.hvdiag.hyperv.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;

/**
 * Runs one program in a WinRS cmd shell and collects its output: Create, Command, Receive until the
 * command is Done, then Signal terminate and Delete. The last two are sent whatever happened before,
 * since a shell left behind counts against the account's shell quota on the host until it idles out.
 */
final class WinrmShell {
    private static final long MAX_OUTPUT = 256L << 20;

    private final WsmanClient client;
    private final WsmanRequest requests;
    private final WsmanSettings settings;

    WinrmShell(WsmanClient client, WsmanSettings settings) {
        this.client = client;
        this.settings = settings;
        this.requests = new WsmanRequest(settings);
    }

    ShellResult run(String program, List<String> arguments) throws ConnectorException {
        String shellId = client.call(requests.create(), WsmanReply.ShellCreated.class).shellId();
        String commandId = null;
        Output out;
        try {
            commandId = client.call(requests.command(shellId, program, arguments), WsmanReply.CommandStarted.class)
                    .commandId();
            out = collect(shellId, commandId);
        } catch (ConnectorException | RuntimeException e) {
            for (String p : cleanUp(shellId, commandId)) {
                e.addSuppressed(new ConnectorException(p));
            }
            throw e;
        }
        List<String> problems = cleanUp(shellId, commandId);
        return new ShellResult(utf8(out.stdout), utf8(out.stderr), out.exitCode, problems);
    }

    private static final class Output {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        long exitCode;
    }

    private Output collect(String shellId, String commandId) throws ConnectorException {
        Output out = new Output();
        int timedOutInARow = 0;
        while (true) {
            WsmanReply.Received r;
            try {
                r = client.call(requests.receive(shellId, commandId), WsmanReply.Received.class);
            } catch (WsmanFaultException e) {
                if (!e.fault().isOperationTimeout()) {
                    throw e;
                }
                // No output within OperationTimeout: the command still runs; ask again.
                if (++timedOutInARow >= settings.maxTimedOutPolls()) {
                    throw new ConnectorException("the command on " + client.where() + " wrote nothing and did not "
                            + "finish within " + timedOutInARow + " waits of " + settings.operationTimeoutText()
                            + "; hvdiag ends it");
                }
                continue;
            }
            timedOutInARow = 0;
            for (StreamChunk c : r.chunks()) {
                if (c.commandId() != null && !c.commandId().equalsIgnoreCase(commandId)) {
                    throw new ConnectorException(client.where() + " sent output of command " + c.commandId()
                            + " when asked for command " + commandId);
                }
                switch (c.name()) {
                    case "stdout" -> out.stdout.writeBytes(c.data());
                    case "stderr" -> out.stderr.writeBytes(c.data());
                    default -> {
                        // a cmd shell has only stdout and stderr; other streams are not this client's
                    }
                }
            }
            if ((long) out.stdout.size() + out.stderr.size() > MAX_OUTPUT) {
                throw new ConnectorException("the command on " + client.where() + " wrote more than "
                        + (MAX_OUTPUT >> 20) + " MiB; hvdiag ends it");
            }
            if (r.state() != null && r.state().done()) {
                out.exitCode = r.state().exitCode();
                return out;
            }
        }
    }

    /** Ends the command and removes the shell; returns what could not be done, in the admin's words. */
    private List<String> cleanUp(String shellId, String commandId) {
        List<String> problems = new ArrayList<>();
        if (commandId != null) {
            try {
                client.call(requests.signal(shellId, commandId, SignalCode.TERMINATE), WsmanReply.class);
            } catch (ConnectorException e) {
                problems.add("could not end command " + commandId + ": " + e.getMessage());
            }
        }
        try {
            client.call(requests.delete(shellId), WsmanReply.class);
        } catch (ConnectorException e) {
            problems.add("could not remove shell " + shellId + " (the host drops it when idle): " + e.getMessage());
        }
        return problems;
    }

    /** Bytes that are not UTF-8 (a program ignoring the code page) show as U+FFFD rather than failing the read. */
    private static String utf8(ByteArrayOutputStream b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b.toByteArray()))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
