package org.hvdiag.hyperv.internal;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a reply into {@link XmlNode}s with StAX. A reply comes from the network, so DTDs and entities
 * are refused outright (no internal subset, no external entity can make the parser read a file or
 * expand a billion laughs): WS-Management never uses them. Replies are bounded by MaxEnvelopeSize,
 * so holding one as a tree is cheap.
 */
final class XmlTree {
    private static final int MAX_DEPTH = 64;
    private static final XMLInputFactory FACTORY = secureFactory();

    private XmlTree() {
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    static XmlNode read(InputStream in) throws ReplyFormatException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(in);
            return readDocument(r);
        } catch (XMLStreamException e) {
            throw new ReplyFormatException("not well-formed XML (" + oneLine(e.getMessage()) + ")", e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // the tree is read or the failure reported: nothing more to do with the reader
                }
            }
        }
    }

    private static final class Open {
        final String namespace;
        final String name;
        final Map<String, String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlNode> children = new ArrayList<>();

        Open(String namespace, String name, Map<String, String> attributes) {
            this.namespace = namespace;
            this.name = name;
            this.attributes = attributes;
        }

        XmlNode close() {
            return new XmlNode(namespace, name, attributes, text.toString(), Collections.unmodifiableList(children));
        }
    }

    private static XmlNode readDocument(XMLStreamReader r) throws XMLStreamException, ReplyFormatException {
        Deque<Open> stack = new ArrayDeque<>();
        XmlNode root = null;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new ReplyFormatException(
                        "the reply carries a DTD (<!DOCTYPE>), which WS-Management never uses: refused, "
                                + "since DTDs and external entities are off");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new ReplyFormatException(
                        "the reply uses the entity &" + r.getLocalName() + "; which WS-Management never uses: refused");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (stack.size() >= MAX_DEPTH) {
                        throw new ReplyFormatException("elements nested deeper than " + MAX_DEPTH);
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String ns = r.getAttributeNamespace(i);
                        String key = ns == null || ns.isEmpty() ? r.getAttributeLocalName(i)
                                : "{" + ns + "}" + r.getAttributeLocalName(i);
                        attributes.put(key, r.getAttributeValue(i));
                    }
                    String ns = r.getNamespaceURI();
                    stack.push(new Open(ns == null ? "" : ns, r.getLocalName(), Collections.unmodifiableMap(attributes)));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        stack.peek().text.append(r.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlNode done = stack.pop().close();
                    if (stack.isEmpty()) {
                        root = done;
                    } else {
                        stack.peek().children.add(done);
                    }
                }
                default -> {
                    // comments, processing instructions, the XML declaration: nothing a reply means
                }
            }
        }
        if (root == null) {
            throw new ReplyFormatException("an empty reply (no XML element)");
        }
        return root;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
