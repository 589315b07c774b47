package org.hvdiag.vboxweb;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
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
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a .vbox settings file and writes changed hardware back into it, in the USB layout the file
 * already has. Both root namespaces (innotek.de and virtualbox.org) are read by local name. Only the
 * machine's own Hardware is read or written: every Snapshot carries a Hardware copy of its own.
 * Files are parsed with DTDs and external entities off; the fleet is read once at start, so no
 * request parses XML of a settings file, only saveSettings does.
 */
final class SettingsFile {
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();

    private SettingsFile() {
    }

    static MachineSettings read(Path file) throws IOException {
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        if (!"VirtualBox".equals(root.getLocalName())) {
            throw new IOException(file + ": root element is <" + root.getLocalName() + ">, not <VirtualBox>");
        }
        Element machine = child(root, "Machine");
        if (machine == null) {
            throw new IOException(file + ": no <Machine> element (a global VirtualBox.xml, not a machine?)");
        }
        Element hw = child(machine, "Hardware");
        if (hw == null) {
            throw new IOException(file + ": <Machine> has no <Hardware>");
        }
        String version = root.getAttribute("version");
        Element cpu = child(hw, "CPU");
        Element memory = child(hw, "Memory");
        Element oldUsb = child(hw, "USBController");
        boolean oldLayout = oldUsb != null || settingsMinor(version) < 14;
        List<UsbController> controllers = new ArrayList<>();
        List<FilterValues> filters = new ArrayList<>();
        if (oldLayout) {
            if (oldUsb != null) {
                if ("true".equals(oldUsb.getAttribute("enabled"))) {
                    controllers.add(new UsbController("OHCI", "OHCI"));
                }
                if ("true".equals(oldUsb.getAttribute("enabledEhci"))) {
                    controllers.add(new UsbController("EHCI", "EHCI"));
                }
                for (Element f : children(oldUsb, "DeviceFilter")) {
                    filters.add(filter(f));
                }
            }
        } else {
            Element usb = child(hw, "USB");
            Element ctrls = usb == null ? null : child(usb, "Controllers");
            if (ctrls != null) {
                for (Element c : children(ctrls, "Controller")) {
                    controllers.add(new UsbController(c.getAttribute("name"), c.getAttribute("type")));
                }
            }
            Element dfs = usb == null ? null : child(usb, "DeviceFilters");
            if (dfs != null) {
                for (Element f : children(dfs, "DeviceFilter")) {
                    filters.add(filter(f));
                }
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        Element gp = child(hw, "GuestProperties");
        if (gp != null) {
            for (Element p : children(gp, "GuestProperty")) {
                props.put(p.getAttribute("name"), p.getAttribute("value"));
            }
        }
        String uuid = machine.getAttribute("uuid").replace("{", "").replace("}", "").toLowerCase();
        if (uuid.isEmpty()) {
            throw new IOException(file + ": <Machine> has no uuid");
        }
        return new MachineSettings(file.toAbsolutePath().normalize(), version, oldLayout, uuid,
                machine.getAttribute("name"), machine.getAttribute("OSType"),
                cpu == null || cpu.getAttribute("count").isEmpty() ? 1 : Integer.parseInt(cpu.getAttribute("count")),
                cpu != null && "true".equals(cpu.getAttribute("hotplug")),
                memory == null || memory.getAttribute("RAMSize").isEmpty() ? 128
                        : Long.parseLong(memory.getAttribute("RAMSize")),
                typeOf(descendant(hw, "Firmware"), "BIOS"), typeOf(descendant(hw, "Chipset"), "PIIX3"),
                List.copyOf(controllers), List.copyOf(filters), machine.getElementsByTagNameNS("*", "Snapshot").getLength(),
                Map.copyOf(props));
    }

    /**
     * Writes the hardware of a saved session machine into the file, atomically (a temporary file in
     * the same folder, then a rename). Other elements stay as they are; the XML declaration and the
     * comment VirtualBox puts before the root are kept byte for byte. An old-layout file that gets
     * an xHCI controller is moved to the 1.14 layout, as VirtualBox does when a setting needs it.
     */
    static void write(Path file, int cpuCount, boolean cpuHotPlug, long memoryMiB, List<UsbController> controllers,
            List<FilterValues> filters) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Document doc = parse(text, file);
        Element root = doc.getDocumentElement();
        Element hw = child(child(root, "Machine"), "Hardware");
        String ns = hw.getNamespaceURI();

        Element cpu = child(hw, "CPU");
        if (cpu == null) {
            cpu = doc.createElementNS(ns, "CPU");
            hw.insertBefore(cpu, hw.getFirstChild());
        }
        cpu.setAttribute("count", Integer.toString(cpuCount));
        Element tree = child(cpu, "CpuTree");
        if (tree != null) {
            cpu.removeChild(tree);
        }
        if (cpuHotPlug) {
            cpu.setAttribute("hotplug", "true");
            // VirtualBox lists the attached CPUs of a hot-plug VM; all are attached after a change here.
            tree = doc.createElementNS(ns, "CpuTree");
            for (int i = 0; i < cpuCount; i++) {
                Element c = doc.createElementNS(ns, "Cpu");
                c.setAttribute("id", Integer.toString(i));
                tree.appendChild(c);
            }
            cpu.appendChild(tree);
        } else {
            cpu.removeAttribute("hotplug");
        }
        Element memory = child(hw, "Memory");
        if (memory == null) {
            memory = doc.createElementNS(ns, "Memory");
            hw.insertBefore(memory, cpu.getNextSibling());
        }
        memory.setAttribute("RAMSize", Long.toString(memoryMiB));

        Element oldUsb = child(hw, "USBController");
        boolean oldLayout = oldUsb != null || settingsMinor(root.getAttribute("version")) < 14;
        boolean xhci = controllers.stream().anyMatch(c -> c.type().equals("XHCI"));
        if (oldLayout && !xhci) {
            if (oldUsb == null) {
                oldUsb = doc.createElementNS(ns, "USBController");
                insertUsb(hw, oldUsb);
            }
            removeChildren(oldUsb);
            oldUsb.setAttribute("enabled", Boolean.toString(controllers.stream().anyMatch(c -> c.type().equals("OHCI"))));
            oldUsb.setAttribute("enabledEhci", Boolean.toString(controllers.stream().anyMatch(c -> c.type().equals("EHCI"))));
            for (FilterValues f : filters) {
                oldUsb.appendChild(filterElement(doc, ns, f));
            }
        } else {
            if (oldUsb != null) {
                hw.removeChild(oldUsb);
                root.setAttribute("version", "1.14" + platformSuffix(root.getAttribute("version")));
            }
            Element usb = child(hw, "USB");
            if (usb == null) {
                usb = doc.createElementNS(ns, "USB");
                insertUsb(hw, usb);
            }
            removeChildren(usb);
            Element ctrls = doc.createElementNS(ns, "Controllers");
            for (UsbController c : controllers) {
                Element e = doc.createElementNS(ns, "Controller");
                e.setAttribute("name", c.name());
                e.setAttribute("type", c.type());
                ctrls.appendChild(e);
            }
            usb.appendChild(ctrls);
            Element dfs = doc.createElementNS(ns, "DeviceFilters");
            for (FilterValues f : filters) {
                dfs.appendChild(filterElement(doc, ns, f));
            }
            usb.appendChild(dfs);
        }
        writeAtomically(file, text, doc);
    }

    /** Writes a copy of a template with a new machine uuid and name (the fleet generator). */
    static void writeCopy(Path template, Path target, String uuid, String name) throws IOException {
        String text = Files.readString(template, StandardCharsets.UTF_8);
        Document doc = parse(text, template);
        Element machine = child(doc.getDocumentElement(), "Machine");
        if (machine == null) {
            throw new IOException(template + ": no <Machine> element");
        }
        machine.setAttribute("uuid", "{" + uuid + "}");
        machine.setAttribute("name", name);
        Files.createDirectories(target.getParent());
        writeAtomically(target, text, doc);
    }

    private static void writeAtomically(Path file, String original, Document doc) throws IOException {
        int rootStart = original.indexOf("<VirtualBox");
        String prolog = rootStart > 0 ? original.substring(0, rootStart) : "<?xml version=\"1.0\"?>\n";
        StringWriter out = new StringWriter(original.length() + 1024);
        out.write(prolog);
        try {
            Transformer t;
            synchronized (TRANSFORMERS) {
                t = TRANSFORMERS.newTransformer();
            }
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(doc.getDocumentElement()), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException(file + ": cannot serialise: " + e.getMessage(), e);
        }
        out.write("\n");
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Element filterElement(Document doc, String ns, FilterValues f) {
        Element e = doc.createElementNS(ns, "DeviceFilter");
        e.setAttribute("name", f.name());
        e.setAttribute("active", Boolean.toString(f.active()));
        attr(e, "vendorId", f.vendorId());
        attr(e, "productId", f.productId());
        attr(e, "revision", f.revision());
        attr(e, "manufacturer", f.manufacturer());
        attr(e, "product", f.product());
        attr(e, "serialNumber", f.serialNumber());
        attr(e, "port", f.port());
        attr(e, "remote", f.remote());
        if (f.maskedInterfaces() != 0) {
            e.setAttribute("maskedInterfaces", Long.toString(f.maskedInterfaces()));
        }
        return e;
    }

    private static void attr(Element e, String name, String value) {
        if (!value.isEmpty()) {
            e.setAttribute(name, value);
        }
    }

    private static FilterValues filter(Element f) {
        String masked = f.getAttribute("maskedInterfaces");
        return new FilterValues(f.getAttribute("name"), "true".equals(f.getAttribute("active")),
                f.getAttribute("vendorId"), f.getAttribute("productId"), f.getAttribute("revision"),
                f.getAttribute("manufacturer"), f.getAttribute("product"), f.getAttribute("serialNumber"),
                f.getAttribute("port"), f.getAttribute("remote"), masked.isEmpty() ? 0 : Long.parseLong(masked));
    }

    /** Where VirtualBox keeps USB in Hardware: before Network when there is one. */
    private static void insertUsb(Element hw, Element usb) {
        Element network = child(hw, "Network");
        hw.insertBefore(usb, network);
    }

    private static void removeChildren(Element e) {
        while (e.getFirstChild() != null) {
            e.removeChild(e.getFirstChild());
        }
    }

    private static String typeOf(Element e, String fallback) {
        return e == null || e.getAttribute("type").isEmpty() ? fallback : e.getAttribute("type");
    }

    /** "1.12-windows" gives 12; a version that cannot be read counts as current. */
    static int settingsMinor(String version) {
        try {
            String v = version.contains("-") ? version.substring(0, version.indexOf('-')) : version;
            return Integer.parseInt(v.substring(v.indexOf('.') + 1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String platformSuffix(String version) {
        return version.contains("-") ? version.substring(version.indexOf('-')) : "";
    }

    static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element descendant(Element parent, String localName) {
        var list = parent.getElementsByTagNameNS("*", localName);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static Document parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    }

    private static Document parse(String text, Path file) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            throw new IOException(file + ":" + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
