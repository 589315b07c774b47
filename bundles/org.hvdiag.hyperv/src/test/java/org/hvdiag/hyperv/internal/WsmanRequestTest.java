package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What goes out, read back with the JDK's DOM parser. */
class WsmanRequestTest {
    private final WsmanRequest requests = new WsmanRequest(WsmanSettings.defaults("https://hv1.example:5986/wsman"));

    @Test
    void everyRequestCarriesTheAddressingAndWsmanHeaders() {
        WsmanMessage m = requests.create();
        Document d = Envelopes.dom(m);
        assertEquals(WsmanNs.SOAP, d.getDocumentElement().getNamespaceURI());
        assertEquals("Envelope", d.getDocumentElement().getLocalName());
        assertEquals("https://hv1.example:5986/wsman", Envelopes.text(m, WsmanNs.ADDRESSING, "To"));
        assertEquals(WsmanNs.ANONYMOUS, Envelopes.text(m, WsmanNs.ADDRESSING, "Address"));
        assertEquals(WsmanNs.ACTION_CREATE, Envelopes.text(m, WsmanNs.ADDRESSING, "Action"));
        assertTrue(Envelopes.text(m, WsmanNs.ADDRESSING, "MessageID")
                .matches("urn:uuid:[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"));
        assertEquals(WsmanNs.CMD_SHELL, Envelopes.text(m, WsmanNs.WSMAN, "ResourceURI"));
        assertEquals("153600", Envelopes.text(m, WsmanNs.WSMAN, "MaxEnvelopeSize"));
        assertEquals("PT60S", Envelopes.text(m, WsmanNs.WSMAN, "OperationTimeout"));
        Element locale = Envelopes.all(d, WsmanNs.WSMAN, "Locale").get(0);
        assertEquals("en-US", locale.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
        assertNotEquals(m.messageId(), requests.create().messageId(), "each request has its own MessageID");
    }

    @Test
    void createAsksForACmdShellWithoutProfileInUtf8() {
        WsmanMessage m = requests.create();
        assertEquals("TRUE", Envelopes.option(m, "WINRS_NOPROFILE"));
        assertEquals("65001", Envelopes.option(m, "WINRS_CODEPAGE"));
        assertEquals("stdin", Envelopes.text(m, WsmanNs.SHELL, "InputStreams"));
        assertEquals("stdout stderr", Envelopes.text(m, WsmanNs.SHELL, "OutputStreams"));
    }

    @Test
    void argumentsWithQuotesAndSemicolonsTravelAsDataEachInItsOwnElement() {
        List<String> args = List.of("-Name", "x'; Stop-Computer; '", "a \"quoted\" <b>&amp;</b>", "C:\\dir with space\\",
                "");
        WsmanMessage m = requests.command("S-1", "powershell.exe", args);
        List<Element> sent = Envelopes.all(Envelopes.dom(m), WsmanNs.SHELL, "Arguments");
        assertEquals(args.size(), sent.size(), "one Arguments element per argument, never joined");
        for (int i = 0; i < args.size(); i++) {
            String text = sent.get(i).getTextContent();
            assertEquals(WindowsArgv.quote(args.get(i)), text);
            assertEquals(List.of(args.get(i)), MsvcrtArgs.split(text), "the program gets argument " + i + " back");
        }
        assertEquals("powershell.exe", Envelopes.text(m, WsmanNs.SHELL, "Command"));
        assertEquals("TRUE", Envelopes.option(m, "WINRS_SKIP_CMD_SHELL"), "cmd.exe never parses the line");
        assertEquals("S-1", Envelopes.shellSelector(m));
    }

    @Test
    void aControlCharacterInAnArgumentIsRefusedNotDropped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> requests.command("S-1", "x.exe", List.of("a\u0000b")));
        assertEquals("character U+0000 (character 2 of the value) cannot be sent in XML", e.getMessage());
    }

    @Test
    void receiveSignalAndDeleteNameShellAndCommand() {
        WsmanMessage r = requests.receive("S-1", "C-1");
        assertEquals("stdout stderr", Envelopes.text(r, WsmanNs.SHELL, "DesiredStream"));
        assertEquals("C-1", Envelopes.commandIdAttribute(r));
        assertEquals("TRUE", Envelopes.option(r, "WSMAN_CMDSHELL_OPTION_KEEPALIVE"));

        WsmanMessage s = requests.signal("S-1", "C-1", SignalCode.CTRL_C);
        assertEquals(WsmanNs.SHELL + "/signal/ctrl_c", Envelopes.text(s, WsmanNs.SHELL, "Code"));
        assertEquals("C-1", Envelopes.commandIdAttribute(s));

        WsmanMessage d = requests.delete("S-1");
        assertEquals(WsmanNs.ACTION_DELETE, d.action());
        assertEquals("S-1", Envelopes.shellSelector(d));
        assertEquals(0, Envelopes.all(Envelopes.dom(d), WsmanNs.SOAP, "Body").get(0).getChildNodes().getLength());
    }

    @Test
    void aMissingIdIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> requests.receive("S-1", " "));
        assertEquals("a CommandId is needed (the host's reply gave none)", e.getMessage());
    }

    @Test
    void enumerateIsAnOptimizedWqlQueryAndPullCarriesTheContext() {
        String uri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*";
        WsmanMessage e = requests.enumerate(uri, "SELECT ElementName FROM Msvm_ComputerSystem WHERE Caption < 'x'", 50);
        Document d = Envelopes.dom(e);
        Element filter = Envelopes.all(d, WsmanNs.WSMAN, "Filter").get(0);
        assertEquals(WsmanNs.WQL, filter.getAttribute("Dialect"));
        assertEquals("SELECT ElementName FROM Msvm_ComputerSystem WHERE Caption < 'x'", filter.getTextContent());
        assertEquals(1, Envelopes.all(d, WsmanNs.WSMAN, "OptimizeEnumeration").size());
        assertEquals("50", Envelopes.text(e, WsmanNs.WSMAN, "MaxElements"));
        assertEquals(uri, Envelopes.text(e, WsmanNs.WSMAN, "ResourceURI"));

        WsmanMessage p = requests.pull(uri, "uuid:CTX-1", 50);
        assertEquals(WsmanNs.ACTION_PULL, Envelopes.text(p, WsmanNs.ADDRESSING, "Action"));
        assertEquals("uuid:CTX-1", Envelopes.text(p, WsmanNs.ENUMERATION, "EnumerationContext"));
        assertEquals("50", Envelopes.text(p, WsmanNs.ENUMERATION, "MaxElements"));
    }

    @Test
    void fractionalOperationTimeoutsKeepTheirMilliseconds() {
        WsmanSettings s = new WsmanSettings("https://h:5986/wsman", 153600, Duration.ofMillis(2500), "de-DE", 3);
        assertEquals("PT2.500S", Envelopes.text(new WsmanRequest(s).create(), WsmanNs.WSMAN, "OperationTimeout"));
    }
}
