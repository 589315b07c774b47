package org.hvdiag.vboxweb;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A document/literal request: the SOAP 1.1 Body's one element (the operation's wrapper element in
 * VirtualBox's namespace) and its child elements by local name. Read with StAX, DTDs off.
 *
 * @param elementName the wrapper element as the client wrote it ("vbox:IMachine_getName"), for gSOAP's
 *        "not implemented" fault
 */
record SoapRequest(String operation, String namespace, String elementName, Map<String, String> params) {
    static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String VBOX_NS = "http://www.virtualbox.org/";

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();
    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    static SoapRequest parse(byte[] body) throws SoapFault {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                if (r.nextTag() != XMLStreamConstants.START_ELEMENT || !"Envelope".equals(r.getLocalName())) {
                    throw new SoapFault(SoapFault.Kind.BAD_REQUEST, "", "No tag: no XML root element or missing SOAP message body element");
                }
                if (!SOAP_ENV.equals(r.getNamespaceURI())) {
                    throw new SoapFault(SoapFault.Kind.BAD_REQUEST, "VersionMismatch", "Invalid SOAP message or SOAP version mismatch");
                }
                // Skip a Header, find the Body.
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT && !("Body".equals(r.getLocalName())
                        && SOAP_ENV.equals(r.getNamespaceURI()))) {
                    skip(r);
                }
                if (r.getEventType() != XMLStreamConstants.START_ELEMENT || r.nextTag() != XMLStreamConstants.START_ELEMENT) {
                    throw new SoapFault(SoapFault.Kind.BAD_REQUEST, "", "No tag: no XML root element or missing SOAP message body element");
                }
                String prefix = r.getPrefix();
                String op = r.getLocalName();
                String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                Map<String, String> params = new HashMap<>(4);
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    params.put(name, r.getElementText());
                }
                return new SoapRequest(op, ns, prefix == null || prefix.isEmpty() ? op : prefix + ":" + op, params);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new SoapFault(SoapFault.Kind.BAD_REQUEST, "", "Well-formedness violation: " + e.getMessage());
        }
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
