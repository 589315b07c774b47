package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WsmanReplyParserTest {

    private static WsmanReply parse(String xml) throws ReplyFormatException {
        return WsmanReplyParser.parse(Replies.bytes(xml));
    }

    @Test
    void shellIdFromEitherForm() throws Exception {
        assertEquals("AB-1", ((WsmanReply.ShellCreated) parse(Replies.createdBySelector("AB-1"))).shellId());
        assertEquals("AB-2", ((WsmanReply.ShellCreated) parse(Replies.createdWithShell("AB-2", "AB-2"))).shellId());
    }

    @Test
    void twoDifferentShellIdsAreAnError() {
        ReplyFormatException e = assertThrows(ReplyFormatException.class,
                () -> parse(Replies.createdWithShell("AB-1", "AB-2")));
        assertEquals("the Create reply names two shells: selector ShellId AB-1 and Shell/ShellId AB-2", e.getMessage());
    }

    @Test
    void receiveKeepsChunksInOrderWithEndMarksAndTheExitCode() throws Exception {
        WsmanReply.Received r = (WsmanReply.Received) parse(Replies.received(
                Replies.stream("stdout", "C", "one", false), Replies.stream("stdout", "C", "two", true),
                Replies.stream("stderr", "C", "", true), Replies.done("C", 3)));
        assertEquals(List.of("stdout", "stdout", "stderr"), r.chunks().stream().map(StreamChunk::name).toList());
        assertEquals("one", new String(r.chunks().get(0).data(), StandardCharsets.UTF_8));
        assertEquals("two", new String(r.chunks().get(1).data(), StandardCharsets.UTF_8));
        assertEquals(List.of(false, true, true), r.chunks().stream().map(StreamChunk::end).toList());
        assertTrue(r.state().done());
        assertEquals(3L, r.state().exitCode());
    }

    @Test
    void base64WrappedOverLinesIsRead() throws Exception {
        WsmanReply.Received r = (WsmanReply.Received) parse(Replies.received(
                "<rsp:Stream Name=\"stdout\" CommandId=\"C\">aGVs\r\n bG8=</rsp:Stream>"));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), r.chunks().get(0).data());
        assertNull(r.state(), "no CommandState: still running, for all the reply says");
    }

    @Test
    void brokenStreamOrStateNamesWhatWasExpected() {
        ReplyFormatException b64 = assertThrows(ReplyFormatException.class, () -> parse(Replies.received(
                "<rsp:Stream Name=\"stderr\">not*base64</rsp:Stream>")));
        assertTrue(b64.getMessage().startsWith("the stderr stream is not base64"), b64.getMessage());
        ReplyFormatException done = assertThrows(ReplyFormatException.class, () -> parse(Replies.received(
                "<rsp:CommandState CommandId=\"C\" State=\"" + WsmanNs.COMMAND_STATE_DONE + "\"/>")));
        assertEquals("a CommandState Done without an rsp:ExitCode", done.getMessage());
    }

    @Test
    void aFaultCarriesCodeSubcodeReasonAndTheWsmanDetail() throws Exception {
        WsmanFault f = ((WsmanReply.Fault) parse(Replies.accessDenied())).fault();
        assertEquals("s:Receiver", f.code());
        assertEquals("w:AccessDenied", f.subcode());
        assertEquals("Access is denied.", f.reason());
        assertEquals(5L, f.wsmanCode());
        assertEquals("Access is denied.", f.message());
        assertEquals("hv1.example", f.machine());
        assertFalse(f.isOperationTimeout());
        WsmanFault t = ((WsmanReply.Fault) parse(Replies.timedOut())).fault();
        assertTrue(t.isOperationTimeout());
        assertEquals(2150858793L, t.wsmanCode());
    }

    @Test
    void aFaultWithoutWsmanDetailIsRecognisedByItsSubcode() throws Exception {
        WsmanFault f = ((WsmanReply.Fault) parse(Replies.envelope("f", "<s:Fault><s:Code><s:Value>s:Receiver</s:Value>"
                + "<s:Subcode><s:Value>w:TimedOut</s:Value></s:Subcode></s:Code><s:Reason><s:Text>late</s:Text>"
                + "</s:Reason></s:Fault>"))).fault();
        assertNull(f.wsmanCode());
        assertTrue(f.isOperationTimeout());
        assertEquals("late", f.text());
    }

    @Test
    void anExternalEntityIsRefusedAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + Replies.commandStarted("&x;").substring(0);
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> parse(xxe));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET-CONTENT"));
    }

    @Test
    void anInternalEntityExpansionIsRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;"
                + "&a;&a;&a;&a;&a;&a;&a;\">]>" + Replies.commandStarted("&b;");
        assertThrows(ReplyFormatException.class, () -> parse(laughs));
    }

    @Test
    void notSoap12IsAnErrorNamingWhatWasExpected() {
        ReplyFormatException e = assertThrows(ReplyFormatException.class, () -> parse(
                "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body/></Envelope>"));
        assertEquals("expected a SOAP 1.2 Envelope (http://www.w3.org/2003/05/soap-envelope), got "
                + "<{http://schemas.xmlsoap.org/soap/envelope/}Envelope>", e.getMessage());
        ReplyFormatException html = assertThrows(ReplyFormatException.class, () -> parse("<html><body>proxy"));
        assertTrue(html.getMessage().startsWith("not well-formed XML"), html.getMessage());
    }

    @Test
    void optimizedEnumerationCarriesTheFirstFragmentsAndTheContext() throws Exception {
        WsmanReply.Enumerated e = (WsmanReply.Enumerated) parse(Replies.envelope(WsmanNs.ENUMERATION
                + "/EnumerateResponse", "<n:EnumerateResponse><n:EnumerationContext>uuid:CTX-7</n:EnumerationContext>"
                + "<w:Items>" + Replies.fragment("web01", "2", "first", "second") + Replies.fragment("db01", null)
                + "</w:Items></n:EnumerateResponse>"));
        assertEquals("uuid:CTX-7", e.context());
        assertFalse(e.endOfSequence());
        assertEquals(2, e.items().size());
        EnumItem web = e.items().get(0);
        assertTrue(web.isFragment());
        assertEquals(List.of("ElementName", "EnabledState", "Notes"), web.propertyNames());
        assertEquals("web01", web.value("ElementName"));
        assertEquals(List.of("first", "second"), web.values("Notes"));
        EnumItem db = e.items().get(1);
        assertNull(db.value("EnabledState"), "xsi:nil is null");
        assertEquals(Arrays.asList((String) null), db.values("EnabledState"), "nil, not absent");
        assertEquals(List.of(), db.values("Notes"));
    }

    @Test
    void pullWithEndOfSequenceHasNoContextToPullWith() throws Exception {
        WsmanReply.Enumerated e = (WsmanReply.Enumerated) parse(Replies.envelope(WsmanNs.ENUMERATION + "/PullResponse",
                "<n:PullResponse><n:EnumerationContext>uuid:CTX-7</n:EnumerationContext><n:Items>"
                        + "<p:Msvm_ComputerSystem xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wmi/root/"
                        + "virtualization/v2/Msvm_ComputerSystem\"><p:ElementName>web02</p:ElementName>"
                        + "</p:Msvm_ComputerSystem></n:Items><n:EndOfSequence/></n:PullResponse>"));
        assertTrue(e.endOfSequence());
        assertNull(e.context());
        assertEquals("Msvm_ComputerSystem", e.items().get(0).kind());
        assertFalse(e.items().get(0).isFragment());
        assertEquals("web02", e.items().get(0).value("ElementName"));
    }

    @Test
    void signalAndDeleteRepliesAreAcknowledgements() throws Exception {
        WsmanReply d = parse(Replies.deleted());
        assertInstanceOf(WsmanReply.Acknowledged.class, d);
        assertEquals(WsmanNs.TRANSFER + "/DeleteResponse", d.action());
        assertEquals("SignalResponse", ((WsmanReply.Acknowledged) parse(Replies.signalled())).bodyElement());
    }
}
