package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One element of a reply: its namespace and local name, attributes ("Name" for unqualified ones,
 * "{namespace}Name" for qualified ones), the character data directly inside it and its child elements.
 */
record XmlNode(String namespace, String name, Map<String, String> attributes, String text, List<XmlNode> children) {

    boolean is(String ns, String local) {
        return namespace.equals(ns) && name.equals(local);
    }

    /** The first child with that name, or null. */
    XmlNode child(String ns, String local) {
        for (XmlNode c : children) {
            if (c.is(ns, local)) {
                return c;
            }
        }
        return null;
    }

    List<XmlNode> all(String ns, String local) {
        List<XmlNode> found = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.is(ns, local)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The first descendant with that name, depth first, or null. */
    XmlNode find(String ns, String local) {
        for (XmlNode c : children) {
            if (c.is(ns, local)) {
                return c;
            }
            XmlNode d = c.find(ns, local);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    String attribute(String key) {
        return attributes.get(key);
    }

    String trimmed() {
        return text.strip();
    }

    /** "prefix-less" display name for messages: {namespace}name. */
    String qualified() {
        return namespace.isEmpty() ? name : "{" + namespace + "}" + name;
    }
}
