package org.hvdiag.winrm;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One WS-Management request as the endpoint needs it: the addressing headers, the resource, the
 * ShellId selector, the options, the timeouts and the body's first element. Parsed with the JDK's
 * DOM, namespace-aware, DTDs refused (a request is untrusted input).
 */
record WsmanRequest(String action, String messageId, String to, String resourceUri, String shellId,
        Map<String, String> options, Duration operationTimeout, int maxEnvelopeSize, Element body) {

    /** Windows' default MaxEnvelopeSizekb is 500: a client asking more is held to that. */
    static final int MAX_ENVELOPE = 512_000;

    static WsmanRequest parse(byte[] xml) throws WsmanFault {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw WsmanFault.notSoap("the request is not well-formed XML: " + e.getMessage());
        }
        Element env = doc.getDocumentElement();
        if (!Ns.SOAP.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            throw WsmanFault.notSoap("the request is not a SOAP 1.2 envelope");
        }
        Element header = child(env, Ns.SOAP, "Header");
        Element bodyEl = child(env, Ns.SOAP, "Body");
        if (header == null || bodyEl == null) {
            throw WsmanFault.notSoap("the SOAP envelope lacks its Header or Body");
        }
        String action = text(child(header, Ns.ADDRESSING, "Action"));
        String messageId = text(child(header, Ns.ADDRESSING, "MessageID"));
        String to = text(child(header, Ns.ADDRESSING, "To"));
        String resource = text(child(header, Ns.WSMAN, "ResourceURI"));
        String shellId = null;
        Element selectors = child(header, Ns.WSMAN, "SelectorSet");
        if (selectors != null) {
            for (Element s : children(selectors, Ns.WSMAN, "Selector")) {
                if ("ShellId".equals(s.getAttribute("Name"))) {
                    shellId = s.getTextContent().strip();
                }
            }
        }
        Map<String, String> options = new HashMap<>();
        Element optionSet = child(header, Ns.WSMAN, "OptionSet");
        if (optionSet != null) {
            for (Element o : children(optionSet, Ns.WSMAN, "Option")) {
                options.put(o.getAttribute("Name"), o.getTextContent().strip());
            }
        }
        Duration timeout = Duration.ofSeconds(60);
        String t = text(child(header, Ns.WSMAN, "OperationTimeout"));
        if (t != null) {
            try {
                timeout = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw WsmanFault.invalidTimeout(t);
            }
        }
        int maxEnvelope = 153_600;
        String m = text(child(header, Ns.WSMAN, "MaxEnvelopeSize"));
        if (m != null) {
            try {
                maxEnvelope = Math.min(MAX_ENVELOPE, Integer.parseInt(m));
            } catch (NumberFormatException e) {
                throw WsmanFault.notSoap("MaxEnvelopeSize is not a number: " + m);
            }
        }
        Element first = null;
        for (Node n = bodyEl.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                first = e;
                break;
            }
        }
        if (action == null || messageId == null) {
            throw WsmanFault.missingHeader(action == null ? "Action" : "MessageID");
        }
        return new WsmanRequest(action, messageId, to, resource, shellId, options, timeout, maxEnvelope, first);
    }

    static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static String text(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }

    /** An attribute that clients write with or without the shell namespace prefix (CommandId). */
    static String attribute(Element e, String name) {
        if (e.hasAttribute(name)) {
            return e.getAttribute(name);
        }
        String ns = e.getAttributeNS(Ns.SHELL, name);
        return ns.isEmpty() ? null : ns;
    }

    boolean option(String name) {
        return "TRUE".equalsIgnoreCase(options.getOrDefault(name, "FALSE"));
    }
}
