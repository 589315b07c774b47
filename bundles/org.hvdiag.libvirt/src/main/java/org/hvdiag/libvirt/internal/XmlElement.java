package org.hvdiag.libvirt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a domain XML with the line it starts on, so that a value libvirt would not accept
 * can be reported at its line, as a syntax error is.
 */
final class XmlElement {
    final String name;
    final int line;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlElement> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    XmlElement(String name, int line) {
        this.name = name;
        this.line = line;
    }

    /** The attribute's value, or "" when absent. */
    String attr(String attribute) {
        String v = attributes.get(attribute);
        return v == null ? "" : v;
    }

    String text() {
        return text.toString().strip();
    }

    /** The first child of that name, or null. */
    XmlElement child(String childName) {
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    List<XmlElement> all(String childName) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(childName)) {
                found.add(c);
            }
        }
        return found;
    }
}
