package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;


import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import org.hvdiag.core.connector.UnreadableFile;
import org.hvdiag.core.xml.SafeSax;

/**
 * One .vbox machine settings file read into {@link MachineFacts}.
 * <p>
 * Only the VM's current settings count: {@code Machine/Hardware} (and, from settings 1.20,
 * {@code Machine/Platform}). Every {@code Snapshot} carries its own Hardware copy, which is read
 * only to be counted as a snapshot; reading its controllers would invent duplicates.
 * Both USB layouts: before settings 1.14 {@code Hardware/USBController@enabled,@enabledEhci} with
 * DeviceFilter children stands for controllers VirtualBox names "OHCI" and "EHCI"; from 1.14
 * {@code Hardware/USB/Controllers/Controller} and {@code Hardware/USB/DeviceFilters}. Elements are
 * matched by local name, so both root namespaces (innotek's and virtualbox.org's) read alike.
 * What the file leaves out is what VirtualBox assumes: one CPU, no hot-plug, BIOS, PIIX3.
 * <p>
 * The parser refuses DOCTYPEs and never resolves external entities or DTDs: a .vbox file has no
 * use for them, and one that has them is hostile or not VirtualBox's.
 */
public final class VboxSettingsFile {

    private static final String GA_VERSION = "/VirtualBox/GuestAdd/Version";
    private static final String GA_REVISION = "/VirtualBox/GuestAdd/Revision";

    private VboxSettingsFile() {
    }

    public static MachineFacts read(Path file) throws UnreadableFile {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            Reading reading = new Reading(name);
            SafeSax.parser().parse(source, reading);
            return reading.facts();
        } catch (SAXParseException e) {
            throw new UnreadableFile(name, e.getLineNumber(), notWellFormed(e));
        } catch (SAXException e) {
            throw new UnreadableFile(name, 0, "not a VirtualBox settings file: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UnreadableFile(name, 0, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableFile(name, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw new UnreadableFile(name, 0, "cannot read: " + e.getMessage());
        }
    }

    private static String notWellFormed(SAXParseException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e.getException() instanceof Invalid) {
            return m;
        }
        if (m.contains("DOCTYPE")) {
            return "a DOCTYPE declaration is not allowed (VirtualBox never writes one; DTDs and entities are not read): " + m;
        }
        return "not well-formed XML, expected a VirtualBox settings file: " + m;
    }

    /** A value the file states but VirtualBox would not accept; carries its own message. */
    private static final class Invalid extends SAXException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Walks the elements once, keeping the path from the root, and collects the machine's facts. */
    private static final class Reading extends DefaultHandler {
        private final String file;
        private final Deque<String> path = new ArrayDeque<>();
        private Locator locator;
        /** Depth of the outermost Snapshot element being skipped, or -1. */
        private int snapshotDepth = -1;

        private String settingsVersion;
        private boolean machineSeen;
        private String id;
        private String name = "";
        private String osType = "";
        private String state = "";
        private int cpus = 1;
        private boolean hotplug;
        private long memory = -1;
        private String firmware = "BIOS";
        private String chipset = "PIIX3";
        private final List<MachineFacts.Controller> controllers = new ArrayList<>();
        private final List<MachineFacts.Filter> filters = new ArrayList<>();
        private String gaVersion = "";
        private String gaRevision = "";
        private int snapshots;

        Reading(String file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) throws SAXException {
            String el = localName.isEmpty() ? qName : localName;
            path.push(el);
            int depth = path.size();
            if (snapshotDepth >= 0) {
                if (el.equals("Snapshot")) {
                    snapshots++;
                }
                return;
            }
            if (depth == 1) {
                if (!el.equals("VirtualBox")) {
                    throw invalid("the root element is <" + el + ">, expected <VirtualBox> (a VirtualBox settings file)");
                }
                settingsVersion = a.getValue("version");
                if (settingsVersion == null || settingsVersion.isBlank()) {
                    throw invalid("<VirtualBox> has no version attribute, expected the settings format, e.g. version=\"1.16-linux\"");
                }
                return;
            }
            String at = String.join("/", reversedPath());
            switch (at) {
                case "VirtualBox/Machine" -> machine(a);
                case "VirtualBox/Machine/Snapshot" -> {
                    snapshots++;
                    snapshotDepth = depth;
                }
                case "VirtualBox/Machine/Hardware/CPU", "VirtualBox/Machine/Platform/CPU",
                        "VirtualBox/Machine/Hardware/Platform/CPU" -> cpu(a);
                case "VirtualBox/Machine/Hardware/Memory" -> memory = number(a, "RAMSize", 1, Long.MAX_VALUE, "a size in MB");
                // VirtualBox 7.0 writes <Firmware/> without a type for a BIOS VM: absent means its default.
                case "VirtualBox/Machine/Hardware/Firmware" -> firmware = value(a, "type").isEmpty() ? firmware : value(a, "type");
                case "VirtualBox/Machine/Hardware/Chipset", "VirtualBox/Machine/Platform/Chipset",
                        "VirtualBox/Machine/Hardware/Platform/Chipset" -> chipset = value(a, "type").isEmpty() ? chipset : value(a, "type");
                case "VirtualBox/Machine/Hardware/USBController" -> legacyControllers(a);
                case "VirtualBox/Machine/Hardware/USB/Controllers/Controller" -> controller(a);
                case "VirtualBox/Machine/Hardware/USBController/DeviceFilter",
                        "VirtualBox/Machine/Hardware/USB/DeviceFilters/DeviceFilter" -> filter(a);
                case "VirtualBox/Machine/Hardware/GuestProperties/GuestProperty" -> guestProperty(a);
                default -> {
                    // everything else in the file is of no concern to an audit
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (path.size() == snapshotDepth) {
                snapshotDepth = -1;
            }
            path.pop();
        }

        private List<String> reversedPath() {
            List<String> l = new ArrayList<>(path);
            java.util.Collections.reverse(l);
            return l;
        }

        private void machine(Attributes a) throws SAXException {
            if (machineSeen) {
                throw invalid("a second <Machine>, expected one VM per .vbox file");
            }
            machineSeen = true;
            String uuid = required(a, "uuid", "the machine's UUID, e.g. {5438ee3c-3269-4613-83b0-512ba8554c2c}");
            id = uuid.replace("{", "").replace("}", "").trim().toLowerCase(Locale.ROOT);
            name = value(a, "name");
            osType = value(a, "OSType");
            // A file cannot say that a VM runs; it does say when the VM was saved or crashed.
            if (!value(a, "stateFile").isEmpty()) {
                state = "Saved";
            } else if (bool(a, "aborted", false)) {
                state = "Aborted";
            }
        }

        private void cpu(Attributes a) throws SAXException {
            if (a.getValue("count") != null) {
                cpus = (int) number(a, "count", 1, 1024, "a number of virtual CPUs");
            }
            hotplug = bool(a, "hotplug", hotplug);
        }

        private void legacyControllers(Attributes a) throws SAXException {
            if (bool(a, "enabled", false)) {
                controllers.add(new MachineFacts.Controller("OHCI", "OHCI"));
            }
            if (bool(a, "enabledEhci", false)) {
                controllers.add(new MachineFacts.Controller("EHCI", "EHCI"));
            }
        }

        private void controller(Attributes a) throws SAXException {
            String type = required(a, "type", "OHCI, EHCI or XHCI");
            if (MachineMapping.controllerType(type) == null) {
                throw invalid("USB controller type \"" + type + "\", expected OHCI, EHCI or XHCI");
            }
            String n = value(a, "name");
            controllers.add(new MachineFacts.Controller(n.isEmpty() ? type : n, type));
        }

        private void filter(Attributes a) throws SAXException {
            filters.add(new MachineFacts.Filter(filters.size(), value(a, "name"), bool(a, "active", false),
                    value(a, "vendorId"), value(a, "productId"), value(a, "revision"), value(a, "manufacturer"),
                    value(a, "product"), value(a, "serialNumber"), value(a, "port"), value(a, "remote"),
                    value(a, "maskedInterfaces")));
        }

        private void guestProperty(Attributes a) {
            String n = value(a, "name");
            if (n.equals(GA_VERSION)) {
                gaVersion = value(a, "value");
            } else if (n.equals(GA_REVISION)) {
                gaRevision = value(a, "value");
            }
        }

        MachineFacts facts() throws UnreadableFile {
            if (!machineSeen) {
                throw new UnreadableFile(file, 0, "no <Machine> element, expected a VM's settings (is this VirtualBox.xml?)");
            }
            String additions = gaVersion.isEmpty() || gaRevision.isEmpty() ? gaVersion : gaVersion + "r" + gaRevision;
            return new MachineFacts(id, name, file, osType, cpus, hotplug, memory, firmware, chipset, settingsVersion,
                    state, controllers, filters, additions, snapshots);
        }

        private static String value(Attributes a, String attr) {
            String v = a.getValue(attr);
            return v == null ? "" : v.trim();
        }

        private String required(Attributes a, String attr, String expected) throws SAXException {
            String v = value(a, attr);
            if (v.isEmpty()) {
                throw invalid("<" + path.peek() + "> has no " + attr + " attribute, expected " + expected);
            }
            return v;
        }

        private long number(Attributes a, String attr, long min, long max, String expected) throws SAXException {
            String v = required(a, attr, expected);
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid("<" + path.peek() + " " + attr + "=\"" + v + "\">, expected " + expected + " from " + min
                    + (max == Long.MAX_VALUE ? " up" : " to " + max));
        }

        private boolean bool(Attributes a, String attr, boolean absent) throws SAXException {
            String v = value(a, attr);
            return switch (v) {
                case "" -> absent;
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw invalid("<" + path.peek() + " " + attr + "=\"" + v + "\">, expected true or false");
            };
        }

        /** A SAXParseException at the current line, so the message names it like a syntax error does. */
        private SAXParseException invalid(String message) {
            return new SAXParseException(message, locator, new Invalid(message));
        }
    }
}
