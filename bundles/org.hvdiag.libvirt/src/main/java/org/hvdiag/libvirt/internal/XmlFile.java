package org.hvdiag.libvirt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;


import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.xml.SafeSax;

/**
 * Reads an XML file into {@link XmlElement}s by local name (libvirt's metadata carries namespaced
 * elements such as libosinfo's). The parser refuses DOCTYPEs and never resolves external entities
 * or DTDs: libvirt never writes them, and a domain file that has them is hostile or not libvirt's.
 */
final class XmlFile {

    private XmlFile() {
    }

    static XmlElement read(Path file) throws UnreadableFile {
        return read(file, false);
    }

    /** Only the root element's name, without reading further: how a folder tells domain files from other XML. */
    static String rootName(Path file) throws UnreadableFile {
        return read(file, true).name;
    }

    private static XmlElement read(Path file, boolean rootOnly) throws UnreadableFile {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            return parse(name, source, rootOnly);
        } catch (NoSuchFileException e) {
            throw new UnreadableFile(name, 0, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableFile(name, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw new UnreadableFile(name, 0, "cannot read: " + e.getMessage());
        }
    }

    /** XML that libvirt returned (virDomainGetXMLDesc), named for errors as {@code name}. */
    static XmlElement parse(String name, String xml) throws UnreadableFile {
        try {
            return parse(name, new InputSource(new java.io.StringReader(xml)), false);
        } catch (IOException e) {
            throw new UnreadableFile(name, 0, "cannot read: " + e.getMessage());
        }
    }

    private static XmlElement parse(String name, InputSource source, boolean rootOnly) throws UnreadableFile, IOException {
        Building b = new Building(rootOnly);
        try {
            SafeSax.parser().parse(source, b);
        } catch (RootSeen e) {
            return b.root;
        } catch (SAXParseException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("DOCTYPE")) {
                throw new UnreadableFile(name, e.getLineNumber(), "a DOCTYPE declaration is not allowed (libvirt never "
                        + "writes one; DTDs and entities are not read): " + m);
            }
            throw new UnreadableFile(name, e.getLineNumber(), "not well-formed XML, expected a libvirt domain XML: " + m);
        } catch (SAXException e) {
            throw new UnreadableFile(name, 0, "cannot read as XML: " + e.getMessage());
        }
        if (b.root == null) {
            throw new UnreadableFile(name, 0, "no XML element found, expected a libvirt <domain>");
        }
        return b.root;
    }

    /** Stops the parse once the root element is known, when that is all the caller asked for. */
    private static final class RootSeen extends SAXException {
        private static final long serialVersionUID = 1L;
    }

    private static final class Building extends DefaultHandler {
        private final boolean rootOnly;
        private final Deque<XmlElement> open = new ArrayDeque<>();
        private Locator locator;
        XmlElement root;

        Building(boolean rootOnly) {
            this.rootOnly = rootOnly;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) throws SAXException {
            XmlElement e = new XmlElement(localName.isEmpty() ? qName : localName, locator == null ? 0 : locator.getLineNumber());
            for (int i = 0; i < a.getLength(); i++) {
                String n = a.getLocalName(i).isEmpty() ? a.getQName(i) : a.getLocalName(i);
                e.attributes.put(n, a.getValue(i));
            }
            if (open.isEmpty()) {
                root = e;
                if (rootOnly) {
                    throw new RootSeen();
                }
            } else {
                open.peek().children.add(e);
            }
            open.push(e);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
        }
    }
}
