package org.hvdiag.virtualbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.junit.jupiter.api.Test;

/** The SOAP layer alone: what goes out, and how answers and faults come back. */
class SoapWireTest {

    private static SoapReply parse(String xml) throws XMLStreamException {
        return SoapReply.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="
                + "\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:vbox=\"http://www.virtualbox.org/\">"
                + "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    @Test
    void requestParametersAreUnqualifiedInWsdlOrderAndEscaped() {
        String r = SoapRequest.of("IUSBDeviceFilters_createDeviceFilter", "_this", "abc-1", "name", "Logitech <K&M>");
        assertTrue(r.contains("<vbox:IUSBDeviceFilters_createDeviceFilter><_this>abc-1</_this>"
                + "<name>Logitech &lt;K&amp;M&gt;</name></vbox:IUSBDeviceFilters_createDeviceFilter>"), r);
    }

    @Test
    void anArrayComesAsRepeatedReturnvals() throws Exception {
        SoapReply r = parse(envelope("<vbox:IVirtualBox_getMachinesResponse><returnval>a-1</returnval>"
                + "<returnval>a-2</returnval></vbox:IVirtualBox_getMachinesResponse>"));
        assertNull(r.fault());
        assertEquals(List.of("a-1", "a-2"), r.array());
        assertEquals("a-1", r.value());
    }

    @Test
    void anEmptyAnswerHasNoValue() throws Exception {
        SoapReply r = parse(envelope("<vbox:IMachine_saveSettingsResponse/>"));
        assertEquals("", r.value());
        assertEquals(List.of(), r.array());
    }

    @Test
    void aRuntimeFaultCarriesVirtualBoxsResultCode() throws Exception {
        SoapReply r = parse(envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode>"
                + "<faultstring>VirtualBox error: The machine 'win7' is already locked by a session</faultstring>"
                + "<detail><vbox:RuntimeFault><resultCode>-2135228409</resultCode><returnval>e-9</returnval>"
                + "</vbox:RuntimeFault></detail></SOAP-ENV:Fault>"));
        assertNotNull(r.fault());
        VboxFault f = VboxFault.of("IMachine_lockMachine", r.fault());
        assertEquals(VboxFault.VBOX_E_INVALID_OBJECT_STATE, f.resultCode());
        assertTrue(f.getMessage().contains("already locked") && f.getMessage().contains("0x80BB0007"), f.getMessage());
    }

    @Test
    void anInvalidObjectFaultNamesTheReference() throws Exception {
        SoapReply r = parse(envelope("<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode>"
                + "<faultstring>Invalid managed object reference \"x-1\"</faultstring><detail><vbox:InvalidObjectFault>"
                + "<badObjectID>x-1</badObjectID></vbox:InvalidObjectFault></detail></SOAP-ENV:Fault>"));
        VboxFault f = VboxFault.of("IMachine_getName", r.fault());
        assertTrue(f.getMessage().contains("x-1") && f.getMessage().contains("IMachine_getName"), f.getMessage());
    }

    @Test
    void anAnswerWithADoctypeIsRefusedWithoutReadingItsEntities() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + envelope("<vbox:IMachine_getNameResponse><returnval>&e;</returnval></vbox:IMachine_getNameResponse>")
                        .replaceFirst("<\\?xml[^>]*\\?>", "");
        assertThrows(XMLStreamException.class, () -> parse(hostile));
    }

    @Test
    void anAnswerWithoutSoapBodyIsRefused() {
        assertThrows(XMLStreamException.class, () -> parse("<html><body>not a web service</body></html>"));
    }
}
