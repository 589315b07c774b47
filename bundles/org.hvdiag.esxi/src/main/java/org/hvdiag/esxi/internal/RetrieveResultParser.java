package org.hvdiag.esxi.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one RetrievePropertiesEx or ContinueRetrievePropertiesEx answer as it arrives (StAX, the
 * JDK's own parser), handing the page's token and then each object to the caller the moment it
 * has been read: no document tree, no SDK objects but the few USB devices, and the next page can be
 * asked for while this one is still arriving (the token comes first in a RetrieveResult).
 * <p>
 * A SOAP fault becomes a {@link SoapFault}; an answer that stops before its end (the connection cut,
 * the server gone) an XMLStreamException: the caller names the server.
 */
final class RetrieveResultParser {
    /** What a page gives, in the order it is read. */
    interface Page {
        /** The token for the next page: called before the page's objects, and not at all on the last page. */
        void token(String token);

        void object(ObjectProperties object);
    }

    /**
     * JDK's built-in factory whatever the class path or OSGi context class loader offers, with DTDs
     * and external entities off (an answer is data, never a reason to open another resource).
     */
    private static final XMLInputFactory FACTORY = factory();

    private RetrieveResultParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** Parses the whole answer; returns the number of objects it held. */
    static int parse(InputStream in, Page page) throws XMLStreamException, SoapFault {
        XMLStreamReader r = FACTORY.createXMLStreamReader(in);
        try {
            boolean envelope = false;
            boolean body = false;
            int objects = 0;
            while (r.hasNext()) {
                int e = r.next();
                if (e != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "Envelope" -> envelope = true;
                    case "Body" -> body = envelope;
                    case "Fault" -> throw fault(r);
                    case "token" -> page.token(r.getElementText().strip());
                    case "objects" -> {
                        page.object(object(r));
                        objects++;
                    }
                    // Envelope, Body, the response element and returnval are descended into; the
                    // SOAP header and anything else a server adds at these levels is not read.
                    case "RetrievePropertiesExResponse", "ContinueRetrievePropertiesExResponse", "returnval" -> { }
                    default -> PropertyValues.skip(r);
                }
            }
            if (!body) {
                throw new XMLStreamException("the answer is not a SOAP envelope");
            }
            return objects;
        } finally {
            r.close();
        }
    }

    private static ObjectProperties object(XMLStreamReader r) throws XMLStreamException {
        String id = null;
        Map<String, Object> values = new HashMap<>();
        List<ObjectProperties.Unreadable> unreadable = new ArrayList<>(0);
        while (PropertyValues.nextChild(r)) {
            switch (r.getLocalName()) {
                case "obj" -> id = r.getElementText();
                case "propSet" -> property(r, values);
                case "missingSet" -> unreadable.add(missing(r));
                default -> PropertyValues.skip(r);
            }
        }
        if (id == null) {
            throw new XMLStreamException("an object without its <obj> reference", r.getLocation());
        }
        return new ObjectProperties(id, values, unreadable);
    }

    /** A propSet: its name comes before its val in every answer, as the schema orders them. */
    private static void property(XMLStreamReader r, Map<String, Object> values) throws XMLStreamException {
        String name = null;
        Object val = null;
        while (PropertyValues.nextChild(r)) {
            switch (r.getLocalName()) {
                case "name" -> name = r.getElementText();
                case "val" -> val = PropertyValues.read(r);
                default -> PropertyValues.skip(r);
            }
        }
        if (name != null && val != null) {
            values.put(name, val);
        }
    }

    private static ObjectProperties.Unreadable missing(XMLStreamReader r) throws XMLStreamException {
        String path = null;
        String fault = null;
        while (PropertyValues.nextChild(r)) {
            switch (r.getLocalName()) {
                case "path" -> path = r.getElementText();
                case "fault" -> fault = faultType(r);
                default -> PropertyValues.skip(r);
            }
        }
        return new ObjectProperties.Unreadable(path, fault);
    }

    /** A LocalizedMethodFault: the xsi:type of its inner {@code <fault>}. */
    private static String faultType(XMLStreamReader r) throws XMLStreamException {
        String type = null;
        while (PropertyValues.nextChild(r)) {
            if ("fault".equals(r.getLocalName())) {
                type = PropertyValues.xsiType(r);
            }
            PropertyValues.skip(r);
        }
        return type;
    }

    /** soapenv:Fault: faultstring, and the fault type from the xsi:type of detail's child. */
    private static SoapFault fault(XMLStreamReader r) throws XMLStreamException {
        String message = null;
        String type = null;
        while (PropertyValues.nextChild(r)) {
            switch (r.getLocalName()) {
                case "faultstring" -> message = r.getElementText();
                case "detail" -> {
                    while (PropertyValues.nextChild(r)) {
                        if (type == null) {
                            type = PropertyValues.xsiType(r);
                            if (type == null && r.getLocalName().endsWith("Fault")) {
                                type = r.getLocalName().substring(0, r.getLocalName().length() - "Fault".length());
                            }
                        }
                        PropertyValues.skip(r);
                    }
                }
                default -> PropertyValues.skip(r);
            }
        }
        return new SoapFault(type, message == null ? "" : message.strip());
    }
}
