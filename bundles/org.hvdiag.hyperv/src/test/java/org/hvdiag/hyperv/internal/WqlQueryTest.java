package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.hvdiag.core.connector.ConnectorException;
import org.junit.jupiter.api.Test;

class WqlQueryTest {
    private static final String URI = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/*";
    private final ScriptedTransport transport = new ScriptedTransport();
    private final WqlQuery query = new WqlQuery(new WsmanClient(transport),
            WsmanSettings.defaults("https://hv1.example:5986/wsman"));

    private static String enumerated(String context, String items) {
        return Replies.envelope(WsmanNs.ENUMERATION + "/EnumerateResponse", "<n:EnumerateResponse>"
                + "<n:EnumerationContext>" + context + "</n:EnumerationContext><w:Items>" + items
                + "</w:Items></n:EnumerateResponse>");
    }

    private static String pulled(String context, String items, boolean end) {
        return Replies.envelope(WsmanNs.ENUMERATION + "/PullResponse", "<n:PullResponse>"
                + (context == null ? "" : "<n:EnumerationContext>" + context + "</n:EnumerationContext>")
                + "<n:Items>" + items + "</n:Items>" + (end ? "<n:EndOfSequence/>" : "") + "</n:PullResponse>");
    }

    @Test
    void firstItemsComeWithEnumerateAndTheRestByPullingWithTheLatestContext() throws Exception {
        transport.answer(enumerated("uuid:C1", Replies.fragment("a", "2")))
                .answer(pulled("uuid:C2", Replies.fragment("b", "3") + Replies.fragment("c", null), false))
                .answer(pulled(null, Replies.fragment("d", "2"), true));

        List<EnumItem> items = query.run(URI, "SELECT ElementName, EnabledState FROM Msvm_ComputerSystem", 2, 100);

        assertEquals(List.of("a", "b", "c", "d"), items.stream().map(i -> i.value("ElementName")).toList());
        assertEquals(List.of("Enumerate", "Pull", "Pull"), transport.operations());
        assertEquals("uuid:C1", Envelopes.text(transport.sent.get(1), WsmanNs.ENUMERATION, "EnumerationContext"));
        assertEquals("uuid:C2", Envelopes.text(transport.sent.get(2), WsmanNs.ENUMERATION, "EnumerationContext"));
    }

    @Test
    void moreItemsThanAllowedIsAnErrorNotACut() {
        transport.answer(enumerated("uuid:C1", Replies.fragment("a", "2") + Replies.fragment("b", "2")));
        ConnectorException e = assertThrows(ConnectorException.class, () -> query.run(URI, "SELECT * FROM X", 5, 1));
        assertEquals("hv1.example:5986 returned more than 1 items for SELECT * FROM X", e.getMessage());
    }

    @Test
    void noContextAndNoEndIsAnError() {
        transport.answer(Replies.envelope(WsmanNs.ENUMERATION + "/EnumerateResponse",
                "<n:EnumerateResponse><w:Items/></n:EnumerateResponse>"));
        ConnectorException e = assertThrows(ConnectorException.class, () -> query.run(URI, "SELECT * FROM X", 5, 10));
        assertEquals("hv1.example:5986 answered SELECT * FROM X with neither an EnumerationContext to pull with nor "
                + "EndOfSequence", e.getMessage());
    }
}
