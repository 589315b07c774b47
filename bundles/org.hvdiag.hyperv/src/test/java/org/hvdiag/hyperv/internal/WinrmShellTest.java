package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hvdiag.core.connector.ConnectorException;
import org.junit.jupiter.api.Test;

/** A whole WinRS command over scripted answers: the order of requests, the ids they carry, the output. */
class WinrmShellTest {
    private static final String SHELL = "5C1A3F7E-0000-4000-8000-00000000AAAA";
    private static final String CMD = "9D2B4E80-0000-4000-8000-00000000BBBB";

    private final ScriptedTransport transport = new ScriptedTransport();
    private final WinrmShell shell = new WinrmShell(new WsmanClient(transport),
            WsmanSettings.defaults("https://hv1.example:5986/wsman"));

    @Test
    void createCommandReceiveTwiceThenSignalAndDelete() throws Exception {
        transport.answer(Replies.createdWithShell(SHELL, SHELL))
                .answer(Replies.commandStarted(CMD))
                .answer(Replies.received(Replies.stream("stdout", CMD, "first line\r\n", false), Replies.running(CMD)))
                .answer(Replies.received(Replies.stream("stdout", CMD, "zweite Zeile äö\r\n", true),
                        Replies.stream("stderr", CMD, "warning: x\r\n", true), Replies.done(CMD, 3)))
                .answer(Replies.signalled())
                .answer(Replies.deleted());

        ShellResult r = shell.run("powershell.exe", List.of("-NoProfile", "-Command", "Get-VM"));

        assertEquals("first line\r\nzweite Zeile äö\r\n", r.stdout());
        assertEquals("warning: x\r\n", r.stderr());
        assertEquals(3, r.exitCode());
        assertEquals(List.of(), r.cleanupFailures());
        assertEquals(List.of("Create", "Command", "Receive", "Receive", "Signal", "Delete"), transport.operations());
        List<String> actions = transport.sent.stream().map(WsmanMessage::action).toList();
        assertEquals(List.of(WsmanNs.ACTION_CREATE, WsmanNs.ACTION_COMMAND, WsmanNs.ACTION_RECEIVE,
                WsmanNs.ACTION_RECEIVE, WsmanNs.ACTION_SIGNAL, WsmanNs.ACTION_DELETE), actions);
        assertEquals(null, Envelopes.shellSelector(transport.sent.get(0)), "Create addresses no shell yet");
        for (WsmanMessage m : transport.sent.subList(1, 6)) {
            assertEquals(SHELL, Envelopes.shellSelector(m), m.operation() + " addresses the created shell");
        }
        for (WsmanMessage m : transport.sent.subList(2, 5)) {
            assertEquals(CMD, Envelopes.commandIdAttribute(m), m.operation() + " names the command");
        }
        assertEquals(SignalCode.TERMINATE.uri(), Envelopes.text(transport.sent.get(4), WsmanNs.SHELL, "Code"));
        assertTrue(transport.exhausted());
    }

    @Test
    void theOlderCreateReplyWithOnlyTheSelectorWorksToo() throws Exception {
        transport.answer(Replies.createdBySelector(SHELL)).answer(Replies.commandStarted(CMD))
                .answer(Replies.received(Replies.done(CMD, 0))).answer(Replies.signalled()).answer(Replies.deleted());
        ShellResult r = shell.run("hostname", List.of());
        assertEquals("", r.stdout());
        assertEquals(0, r.exitCode());
        assertEquals(SHELL, Envelopes.shellSelector(transport.sent.get(1)));
    }

    @Test
    void anOperationTimeoutFaultMeansAskAgain() throws Exception {
        transport.answer(Replies.createdWithShell(SHELL, SHELL)).answer(Replies.commandStarted(CMD))
                .answer(Replies.timedOut())
                .answer(Replies.timedOut())
                .answer(Replies.received(Replies.stream("stdout", CMD, "late\n", true), Replies.done(CMD, 0)))
                .answer(Replies.signalled()).answer(Replies.deleted());

        ShellResult r = shell.run("slow.exe", List.of());

        assertEquals("late\n", r.stdout());
        assertEquals(List.of("Create", "Command", "Receive", "Receive", "Receive", "Signal", "Delete"),
                transport.operations());
    }

    @Test
    void aCommandThatStaysSilentIsEndedAfterTheAllowedWaits() {
        ScriptedTransport t = new ScriptedTransport();
        WinrmShell patient = new WinrmShell(new WsmanClient(t), new WsmanSettings("https://hv1.example:5986/wsman",
                153600, java.time.Duration.ofSeconds(60), "en-US", 2));
        t.answer(Replies.createdWithShell(SHELL, SHELL)).answer(Replies.commandStarted(CMD))
                .answer(Replies.timedOut()).answer(Replies.timedOut())
                .answer(Replies.signalled()).answer(Replies.deleted());

        ConnectorException e = assertThrows(ConnectorException.class, () -> patient.run("hang.exe", List.of()));

        assertTrue(e.getMessage().contains("hv1.example:5986") && e.getMessage().contains("2 waits of PT60S"),
                e.getMessage());
        assertEquals(List.of("Create", "Command", "Receive", "Receive", "Signal", "Delete"), t.operations());
    }

    @Test
    void accessDeniedIsAClearErrorAndTheShellIsStillRemoved() {
        transport.answer(Replies.createdWithShell(SHELL, SHELL)).answer(Replies.accessDenied()).answer(Replies.deleted());

        WsmanFaultException e = assertThrows(WsmanFaultException.class, () -> shell.run("whoami", List.of()));

        assertEquals("hv1.example:5986 refused Command: Access is denied. (WS-Management fault w:AccessDenied, code 5)",
                e.getMessage());
        assertFalse(e.fault().isOperationTimeout());
        // No command was started, so there is nothing to signal; the shell exists and is deleted.
        assertEquals(List.of("Create", "Command", "Delete"), transport.operations());
        assertEquals(SHELL, Envelopes.shellSelector(transport.sent.get(2)));
    }

    @Test
    void aFailureMidwaySendsSignalAndDeleteAfterIt() {
        transport.answer(Replies.createdWithShell(SHELL, SHELL)).answer(Replies.commandStarted(CMD))
                .answer(Replies.received(Replies.stream("stdout", CMD, "part", false), Replies.running(CMD)))
                .fail("lost the connection to hv1.example:5986 while trying to send Receive to it (reset)")
                .answer(Replies.signalled()).answer(Replies.deleted());

        ConnectorException e = assertThrows(ConnectorException.class, () -> shell.run("long.exe", List.of()));

        assertTrue(e.getMessage().startsWith("lost the connection to hv1.example:5986"), e.getMessage());
        assertEquals(List.of("Create", "Command", "Receive", "Receive", "Signal", "Delete"), transport.operations());
        assertEquals(CMD, Envelopes.commandIdAttribute(transport.sent.get(4)));
        assertEquals(0, e.getSuppressed().length, "the clean-up itself went through");
    }

    @Test
    void aCleanUpThatFailsTooIsAttachedToTheFailure() {
        transport.answer(Replies.createdWithShell(SHELL, SHELL)).answer(Replies.commandStarted(CMD))
                .answer("<not-soap/>")
                .fail("lost the connection to hv1.example:5986").fail("lost the connection to hv1.example:5986");

        ConnectorException e = assertThrows(ConnectorException.class, () -> shell.run("x.exe", List.of()));

        assertTrue(e.getMessage().contains("answered Receive with a reply hvdiag cannot read: expected a SOAP 1.2 "
                + "Envelope"), e.getMessage());
        assertEquals(2, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().startsWith("could not end command " + CMD));
        assertTrue(e.getSuppressed()[1].getMessage().startsWith("could not remove shell " + SHELL));
    }

    @Test
    void aCleanUpFailureAfterSuccessIsReportedWithTheOutput() throws Exception {
        transport.answer(Replies.createdWithShell(SHELL, SHELL)).answer(Replies.commandStarted(CMD))
                .answer(Replies.received(Replies.stream("stdout", CMD, "ok", true), Replies.done(CMD, 0)))
                .answer(Replies.signalled()).answer(Replies.accessDenied());

        ShellResult r = shell.run("x.exe", List.of());

        assertEquals("ok", r.stdout());
        assertEquals(1, r.cleanupFailures().size());
        assertTrue(r.cleanupFailures().get(0).contains("could not remove shell " + SHELL), r.cleanupFailures().get(0));
    }

    @Test
    void outputOfAnotherCommandIsRefused() {
        transport.answer(Replies.createdWithShell(SHELL, SHELL)).answer(Replies.commandStarted(CMD))
                .answer(Replies.received(Replies.stream("stdout", "OTHER-ID", "x", true), Replies.done(CMD, 0)))
                .answer(Replies.signalled()).answer(Replies.deleted());
        ConnectorException e = assertThrows(ConnectorException.class, () -> shell.run("x.exe", List.of()));
        assertEquals("hv1.example:5986 sent output of command OTHER-ID when asked for command " + CMD, e.getMessage());
    }

    @Test
    void aReplyOfTheWrongKindNamesWhatCame() {
        transport.answer(Replies.commandStarted(CMD));
        ConnectorException e = assertThrows(ConnectorException.class, () -> shell.run("x.exe", List.of()));
        assertInstanceOf(ConnectorException.class, e);
        assertEquals("hv1.example:5986 answered Create with action " + WsmanNs.SHELL + "/CommandResponse, not the "
                + "Create reply expected", e.getMessage());
    }
}
