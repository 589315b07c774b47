package org.hvdiag.virtualbox.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What vboxwebsrv answered: the children of the operation's response element in order (an array
 * comes as repeated {@code returnval}), or the SOAP fault it sent instead. Read with StAX, DTDs and
 * external entities off: the answer comes over the network.
 */
record SoapReply(List<String> names, List<String> values, Fault fault) {
    private static final XMLInputFactory XML = secureFactory();

    /** A SOAP fault: gSOAP's faultstring, and VirtualBox's result code when the detail carries a RuntimeFault. */
    record Fault(String code, String text, String resultCode, String badObject) {
    }

    /** The single value named {@code returnval}, or the first value; "" when the reply has none. */
    String value() {
        int i = names.indexOf("returnval");
        return i >= 0 ? values.get(i) : values.isEmpty() ? "" : values.get(0);
    }

    /** Every {@code returnval}: the elements of an array result. */
    List<String> array() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals("returnval")) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    static SoapReply parse(InputStream body) throws XMLStreamException {
        XMLStreamReader r = XML.createXMLStreamReader(body);
        try {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            String code = "";
            String text = "";
            String resultCode = "";
            String badObject = "";
            boolean fault = false;
            int depth = 0;
            int bodyDepth = -1;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String local = r.getLocalName();
                    if (bodyDepth < 0) {
                        if (local.equals("Body")) {
                            bodyDepth = depth;
                        }
                    } else if (depth == bodyDepth + 1 && local.equals("Fault")) {
                        fault = true;
                    } else if (fault) {
                        switch (local) {
                            case "faultcode" -> code = r.getElementText();
                            case "faultstring" -> text = r.getElementText();
                            case "resultCode" -> resultCode = r.getElementText();
                            case "badObjectID" -> badObject = r.getElementText();
                            default -> { continue; }
                        }
                        depth--;
                    } else if (depth == bodyDepth + 2) {
                        names.add(local);
                        values.add(r.getElementText());
                        depth--;
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (bodyDepth < 0) {
                throw new XMLStreamException("the answer holds no SOAP Body");
            }
            return new SoapReply(names, values, fault ? new Fault(code, text, resultCode, badObject) : null);
        } finally {
            r.close();
        }
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
