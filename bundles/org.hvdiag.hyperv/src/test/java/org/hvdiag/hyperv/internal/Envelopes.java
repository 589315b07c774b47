package org.hvdiag.hyperv.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads what the client sent with the JDK's DOM parser, independent of the client's own XML code. */
final class Envelopes {
    private Envelopes() {
    }

    static Document dom(WsmanMessage m) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(m.bytes()));
        } catch (Exception e) {
            throw new AssertionError("the client sent XML the JDK cannot read: " + e.getMessage() + "\n" + m.xml(), e);
        }
    }

    static List<Element> all(Document d, String ns, String local) {
        NodeList nl = d.getElementsByTagNameNS(ns, local);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            list.add((Element) nl.item(i));
        }
        return list;
    }

    static String text(WsmanMessage m, String ns, String local) {
        List<Element> e = all(dom(m), ns, local);
        if (e.size() != 1) {
            throw new AssertionError("expected one <" + local + "> in " + m.operation() + ", found " + e.size());
        }
        return e.get(0).getTextContent();
    }

    static String shellSelector(WsmanMessage m) {
        for (Element s : all(dom(m), WsmanNs.WSMAN, "Selector")) {
            if ("ShellId".equals(s.getAttribute("Name"))) {
                return s.getTextContent();
            }
        }
        return null;
    }

    /** The CommandId attribute of DesiredStream (Receive) or Signal. */
    static String commandIdAttribute(WsmanMessage m) {
        Document d = dom(m);
        for (String local : List.of("DesiredStream", "Signal")) {
            List<Element> e = all(d, WsmanNs.SHELL, local);
            if (!e.isEmpty()) {
                return e.get(0).getAttribute("CommandId");
            }
        }
        return null;
    }

    static String option(WsmanMessage m, String name) {
        for (Element o : all(dom(m), WsmanNs.WSMAN, "Option")) {
            if (name.equals(o.getAttribute("Name"))) {
                return o.getTextContent();
            }
        }
        return null;
    }
}
