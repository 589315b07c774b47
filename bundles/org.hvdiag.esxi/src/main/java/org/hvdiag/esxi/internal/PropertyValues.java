package org.hvdiag.esxi.internal;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.vmware.vim25.Description;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualDeviceDeviceBackingInfo;
import com.vmware.vim25.VirtualUSB;
import com.vmware.vim25.VirtualUSBController;
import com.vmware.vim25.VirtualUSBRemoteClientBackingInfo;
import com.vmware.vim25.VirtualUSBRemoteHostBackingInfo;
import com.vmware.vim25.VirtualUSBUSBBackingInfo;
import com.vmware.vim25.VirtualUSBXHCIController;

/**
 * Decodes one {@code <val>} of a RetrievePropertiesEx answer from its xsi:type, straight from the
 * stream: XML Schema simple types to String/Integer/Long/Boolean..., a ManagedObjectReference, an
 * ArrayOfOptionValue (extraConfig) to OptionValue[], and an ArrayOfVirtualDevice to the USB
 * controllers and devices only (VirtualDevice[]): the disks, NICs and the rest, most of the bytes,
 * are skipped unread. Values carry the same Java types yavijava's reader gives, so VmMapper maps
 * both alike.
 * <p>
 * A type this class does not know (a newer vCenter's enum or data object) is not an error: a value
 * of text only is kept as its text (enums are text), a structured one is skipped and left absent,
 * as is any element it does not know inside a known one.
 */
final class PropertyValues {
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private PropertyValues() {
    }

    /** The reader is on the value's START_ELEMENT; returns with it on the matching END_ELEMENT. */
    static Object read(XMLStreamReader r) throws XMLStreamException {
        String type = xsiType(r);
        if (type == null) {
            return textOrSkip(r);
        }
        switch (type) {
            case "ManagedObjectReference":
                return VimConnection.ref(r.getAttributeValue(null, "type"), r.getElementText());
            case "ArrayOfOptionValue":
                return optionValues(r);
            case "ArrayOfVirtualDevice":
                return usbDevices(r);
            default:
                Object simple = simple(type, r);
                return simple != NOT_SIMPLE ? simple : textOrSkip(r);
        }
    }

    private static final Object NOT_SIMPLE = new Object();

    /** An XML Schema simple type as yavijava types it; NOT_SIMPLE (nothing read) for any other type. */
    private static Object simple(String type, XMLStreamReader r) throws XMLStreamException {
        switch (type) {
            case "string":
            case "dateTime":
            case "anyURI":
            case "base64Binary":
                return r.getElementText();
            case "boolean": {
                String t = r.getElementText().strip();
                return "true".equals(t) || "1".equals(t);
            }
            case "int":
                return Integer.valueOf(r.getElementText().strip());
            case "long":
                return Long.valueOf(r.getElementText().strip());
            case "short":
                return Short.valueOf(r.getElementText().strip());
            case "byte":
                return Byte.valueOf(r.getElementText().strip());
            case "float":
                return Float.valueOf(r.getElementText().strip());
            case "double":
                return Double.valueOf(r.getElementText().strip());
            default:
                return NOT_SIMPLE;
        }
    }

    private static OptionValue[] optionValues(XMLStreamReader r) throws XMLStreamException {
        List<OptionValue> out = new ArrayList<>();
        while (nextChild(r)) {
            if (!"OptionValue".equals(r.getLocalName())) {
                skip(r);
                continue;
            }
            OptionValue o = new OptionValue();
            while (nextChild(r)) {
                switch (r.getLocalName()) {
                    case "key" -> o.setKey(r.getElementText());
                    case "value" -> o.setValue(read(r));
                    default -> skip(r);
                }
            }
            out.add(o);
        }
        return out.toArray(new OptionValue[0]);
    }

    private static VirtualDevice[] usbDevices(XMLStreamReader r) throws XMLStreamException {
        List<VirtualDevice> out = new ArrayList<>();
        while (nextChild(r)) {
            String type = xsiType(r);
            if ("VirtualUSBController".equals(type)) {
                out.add(usbDevice(r, new VirtualUSBController()));
            } else if ("VirtualUSBXHCIController".equals(type)) {
                out.add(usbDevice(r, new VirtualUSBXHCIController()));
            } else if ("VirtualUSB".equals(type)) {
                out.add(usbDevice(r, new VirtualUSB()));
            } else {
                skip(r); // not USB, or a device type newer than this reader: the model has no use for it
            }
        }
        return out.toArray(new VirtualDevice[0]);
    }

    /** The fields of a USB controller or device the model and the journal read; the rest skipped. */
    private static VirtualDevice usbDevice(XMLStreamReader r, VirtualDevice d) throws XMLStreamException {
        List<String> family = new ArrayList<>();
        List<String> speed = new ArrayList<>();
        while (nextChild(r)) {
            switch (r.getLocalName()) {
                case "key" -> d.setKey(Integer.parseInt(r.getElementText().strip()));
                case "controllerKey" -> d.setControllerKey(Integer.valueOf(r.getElementText().strip()));
                case "unitNumber" -> d.setUnitNumber(Integer.valueOf(r.getElementText().strip()));
                case "deviceInfo" -> d.setDeviceInfo(description(r));
                case "connectable" -> d.setConnectable(connectInfo(r));
                case "backing" -> d.setBacking(backing(r));
                case "autoConnectDevices" -> {
                    Boolean v = bool(r);
                    if (d instanceof VirtualUSBController c) {
                        c.setAutoConnectDevices(v);
                    } else if (d instanceof VirtualUSBXHCIController x) {
                        x.setAutoConnectDevices(v);
                    }
                }
                case "ehciEnabled" -> {
                    Boolean v = bool(r);
                    if (d instanceof VirtualUSBController c) {
                        c.setEhciEnabled(v);
                    }
                }
                case "vendor" -> usb(d, r).setVendor(Integer.valueOf(r.getElementText().strip()));
                case "product" -> usb(d, r).setProduct(Integer.valueOf(r.getElementText().strip()));
                case "family" -> family.add(r.getElementText());
                case "speed" -> speed.add(r.getElementText());
                case "connected" -> usb(d, r).setConnected(bool(r));
                default -> skip(r);
            }
        }
        if (d instanceof VirtualUSB u) {
            u.setFamily(family.isEmpty() ? null : family.toArray(new String[0]));
            u.setSpeed(speed.isEmpty() ? null : speed.toArray(new String[0]));
        }
        return d;
    }

    /** The device as a VirtualUSB; a field only VirtualUSB has, on a controller, is a malformed answer. */
    private static VirtualUSB usb(VirtualDevice d, XMLStreamReader r) throws XMLStreamException {
        if (d instanceof VirtualUSB u) {
            return u;
        }
        throw new XMLStreamException("<" + r.getLocalName() + "> in a " + d.getClass().getSimpleName(), r.getLocation());
    }

    private static Description description(XMLStreamReader r) throws XMLStreamException {
        Description d = new Description();
        while (nextChild(r)) {
            switch (r.getLocalName()) {
                case "label" -> d.setLabel(r.getElementText());
                case "summary" -> d.setSummary(r.getElementText());
                default -> skip(r);
            }
        }
        return d;
    }

    private static VirtualDeviceConnectInfo connectInfo(XMLStreamReader r) throws XMLStreamException {
        VirtualDeviceConnectInfo c = new VirtualDeviceConnectInfo();
        while (nextChild(r)) {
            switch (r.getLocalName()) {
                case "startConnected" -> c.setStartConnected(bool(r));
                case "allowGuestControl" -> c.setAllowGuestControl(bool(r));
                case "connected" -> c.setConnected(bool(r));
                default -> skip(r);
            }
        }
        return c;
    }

    /** A USB device's backing: its deviceName is what undo needs to put the device back. */
    private static VirtualDeviceBackingInfo backing(XMLStreamReader r) throws XMLStreamException {
        String type = xsiType(r);
        String deviceName = null;
        while (nextChild(r)) {
            if ("deviceName".equals(r.getLocalName())) {
                deviceName = r.getElementText();
            } else {
                skip(r);
            }
        }
        if ("VirtualUSBRemoteClientBackingInfo".equals(type)) {
            VirtualUSBRemoteClientBackingInfo b = new VirtualUSBRemoteClientBackingInfo();
            b.setDeviceName(deviceName);
            return b;
        }
        VirtualDeviceDeviceBackingInfo b = "VirtualUSBRemoteHostBackingInfo".equals(type) ? new VirtualUSBRemoteHostBackingInfo()
                : new VirtualUSBUSBBackingInfo();
        b.setDeviceName(deviceName);
        return b;
    }

    private static Boolean bool(XMLStreamReader r) throws XMLStreamException {
        String t = r.getElementText().strip();
        return "true".equals(t) || "1".equals(t);
    }

    /** An untyped or unknown-typed value: its text if it has only text, else skipped (null). */
    private static Object textOrSkip(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int e = r.next();
            if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA
                    || e == XMLStreamConstants.SPACE || e == XMLStreamConstants.ENTITY_REFERENCE) {
                text.append(r.getText());
            } else if (e == XMLStreamConstants.START_ELEMENT) {
                skip(r);
                skipRest(r);
                return null;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                return text.toString();
            } else if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("the document ended inside a value", r.getLocation());
            }
        }
    }

    /** The local part of the element's xsi:type ("xsd:string" is "string"), or null. */
    static String xsiType(XMLStreamReader r) {
        String t = r.getAttributeValue(XSI, "type");
        if (t == null) {
            return null;
        }
        int colon = t.indexOf(':');
        return colon < 0 ? t : t.substring(colon + 1);
    }

    /**
     * Moves to the next child element of the current element: true on its START_ELEMENT, false on
     * the current element's END_ELEMENT. Text between elements is passed over.
     */
    static boolean nextChild(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (e == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("the document ended inside an element", r.getLocation());
            }
        }
    }

    /** From an element's START_ELEMENT to its END_ELEMENT, whatever is inside. */
    static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("the document ended inside an element", r.getLocation());
            }
        }
    }

    /** Inside an element, past any further content to its END_ELEMENT. */
    private static void skipRest(XMLStreamReader r) throws XMLStreamException {
        while (nextChild(r)) {
            skip(r);
        }
    }
}
