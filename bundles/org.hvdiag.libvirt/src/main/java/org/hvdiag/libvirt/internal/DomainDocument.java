package org.hvdiag.libvirt.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import org.hvdiag.core.libvirt.LibvirtIds;
import org.hvdiag.core.connector.ConnectorException;

/**
 * A domain's XML as a document hvdiag edits and hands back to libvirt (virDomainDefineXML) or cuts
 * device elements from (virDomainDetachDeviceFlags). It finds the USB objects by the ids
 * {@link DomainMapping} gives them, counting elements in the same order as {@link DomainXml}.
 */
final class DomainDocument {
    private final String domainName;
    private final Document doc;
    private List<Element> hostDevicesAsRead;
    private List<Element> redirectionsAsRead;
    private List<Element> redirRulesAsRead;

    private DomainDocument(String domainName, Document doc) {
        this.domainName = domainName;
        this.doc = doc;
    }

    static DomainDocument parse(String domainName, String xml) throws ConnectorException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            return new DomainDocument(domainName, f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))));
        } catch (Exception e) {
            throw new ConnectorException("the XML libvirt gave for domain " + domainName + " cannot be read: " + e.getMessage());
        }
    }

    String xml() {
        return write(doc);
    }

    /** One element alone, as attach and detach take a device. */
    static String fragment(Element e) {
        return write(e);
    }

    private static String write(Node node) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write domain XML: " + e.getMessage(), e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    Element devices() {
        Element d = child(root(), "devices");
        if (d == null) {
            d = doc.createElement("devices");
            root().appendChild(d);
        }
        return d;
    }

    Element create(String name) {
        return doc.createElement(name);
    }

    /** The element's first child of that name, or null. */
    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    List<Element> usbControllers() {
        List<Element> found = new ArrayList<>();
        for (Element c : children(devices(), "controller")) {
            if (c.getAttribute("type").equals("usb")) {
                found.add(c);
            }
        }
        return found;
    }

    /** The controller {@link DomainMapping} calls "usb{index}-{model}"; a controller without a model has its machine's. */
    Element usbController(String id) throws ConnectorException {
        for (Element c : usbControllers()) {
            String index = c.getAttribute("index").isEmpty() ? "0" : c.getAttribute("index");
            String model = c.getAttribute("model");
            if (model.isEmpty() ? id.startsWith("usb" + index + "-") : id.equals("usb" + index + "-" + model)) {
                return c;
            }
        }
        throw missing("USB controller " + id);
    }

    /**
     * hostdev[N], disk[TARGET] or redirdev[N], as {@link DomainMapping} names USB devices in the XML
     * as read; null when absent. The numbering is taken once, before any edit, so that removing
     * redirdev[0] leaves redirdev[1] the element it was.
     */
    Element usbDevice(String id) {
        if (hostDevicesAsRead == null) {
            hostDevicesAsRead = usbHostDevices();
            redirectionsAsRead = redirections();
        }
        String target = LibvirtIds.diskTarget(id);
        if (target != null) {
            for (Element d : children(devices(), "disk")) {
                Element t = child(d, "target");
                if (t != null && t.getAttribute("bus").equals("usb") && t.getAttribute("dev").equals(target)) {
                    return d;
                }
            }
            return null;
        }
        List<Element> list = LibvirtIds.isHostDevice(id) ? hostDevicesAsRead : LibvirtIds.isRedirection(id) ? redirectionsAsRead : List.of();
        int n = LibvirtIds.ordinal(id, LibvirtIds.isHostDevice(id) ? LibvirtIds.HOSTDEV : LibvirtIds.REDIRDEV);
        return n >= 0 && n < list.size() ? list.get(n) : null;
    }

    Element requireUsbDevice(String id) throws ConnectorException {
        Element e = usbDevice(id);
        if (e == null) {
            throw missing("USB device " + id);
        }
        return e;
    }

    List<Element> usbHostDevices() {
        List<Element> found = new ArrayList<>();
        for (Element h : children(devices(), "hostdev")) {
            if (h.getAttribute("mode").equals("subsystem") && h.getAttribute("type").equals("usb")) {
                found.add(h);
            }
        }
        return found;
    }

    List<Element> redirections() {
        List<Element> found = new ArrayList<>();
        for (Element r : children(devices(), "redirdev")) {
            if (r.getAttribute("bus").equals("usb")) {
                found.add(r);
            }
        }
        return found;
    }

    /** Every redirfilter rule in document order as read: "redirfilter/usbdev[N]" is the N-th. */
    List<Element> redirRules() {
        if (redirRulesAsRead != null) {
            return redirRulesAsRead;
        }
        List<Element> found = new ArrayList<>();
        for (Element f : children(devices(), "redirfilter")) {
            found.addAll(children(f, "usbdev"));
        }
        redirRulesAsRead = found;
        return found;
    }

    /** Devices plugged into the USB bus of controller {@code index} (their address names it). */
    List<Element> devicesOnBus(int index) {
        List<Element> found = new ArrayList<>();
        for (Node n = devices().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                Element a = child(e, "address");
                if (a != null && a.getAttribute("type").equals("usb")
                        && (a.getAttribute("bus").isEmpty() ? 0 : Integer.parseInt(a.getAttribute("bus"))) == index) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    /**
     * Puts back the secrets libvirt leaves out of XML read without VIR_DOMAIN_XML_SECURE (graphics
     * passwords), from {@code secure}, the domain's definition read with it: a journal holds no
     * secret, and a redefinition from it must not drop the console password.
     */
    void copySecretsFrom(DomainDocument secure) {
        List<Element> mine = children(devices(), "graphics");
        List<Element> theirs = children(secure.devices(), "graphics");
        for (int i = 0; i < mine.size() && i < theirs.size(); i++) {
            Element m = mine.get(i);
            Element t = theirs.get(i);
            if (m.getAttribute("type").equals(t.getAttribute("type")) && t.hasAttribute("passwd") && !m.hasAttribute("passwd")) {
                m.setAttribute("passwd", t.getAttribute("passwd"));
            }
        }
    }

    /** This document without the secrets XML read with VIR_DOMAIN_XML_SECURE holds: what a journal may keep. */
    DomainDocument withoutSecrets() {
        for (Element g : children(devices(), "graphics")) {
            g.removeAttribute("passwd");
        }
        return this;
    }

    /**
     * The element in this document that is the same device as {@code other} from another XML of the
     * domain (live and definition): a USB disk by its target, a host device by its source, a
     * redirection channel by its place; null when this one has none.
     */
    Element counterpart(String id, Element other) {
        return LibvirtIds.isRedirection(id) ? usbDevice(id) : samePluggedDevice(other);
    }

    /** The USB host device or USB disk here that is {@code other} from another XML of the domain, or null. */
    Element samePluggedDevice(Element other) {
        if (other.getTagName().equals("disk")) {
            Element t = child(other, "target");
            return t == null ? null : usbDevice(LibvirtIds.usbDisk(t.getAttribute("dev")));
        }
        String key = sourceKey(other);
        for (Element h : usbHostDevices()) {
            if (sourceKey(h).equals(key)) {
                return h;
            }
        }
        return null;
    }

    /** The USB host devices and USB disks: what can be plugged into a running guest and out again. */
    List<Element> pluggedUsbDevices() {
        List<Element> all = new ArrayList<>(usbHostDevices());
        for (Element d : children(devices(), "disk")) {
            Element t = child(d, "target");
            if (t != null && t.getAttribute("bus").equals("usb")) {
                all.add(d);
            }
        }
        return all;
    }

    private static String sourceKey(Element hostdev) {
        Element s = child(hostdev, "source");
        if (s == null) {
            return "";
        }
        Element v = child(s, "vendor");
        Element p = child(s, "product");
        Element a = child(s, "address");
        return (v == null ? "" : v.getAttribute("id")) + ":" + (p == null ? "" : p.getAttribute("id")) + "@"
                + (a == null ? "" : a.getAttribute("bus") + "." + a.getAttribute("device"));
    }

    private ConnectorException missing(String what) {
        return new ConnectorException(domainName + " has no " + what + " (it changed since the audit: audit again)");
    }
}
