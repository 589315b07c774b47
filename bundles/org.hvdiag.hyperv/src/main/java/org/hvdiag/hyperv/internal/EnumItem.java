package org.hvdiag.hyperv.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One item of an enumeration: a whole WMI instance (element named after its class) or, for a WQL
 * query that selects properties, a w:XmlFragment with just those. Properties are its child elements;
 * an array property is the same element repeated; xsi:nil="true" is a null value, distinct from "".
 */
record EnumItem(XmlNode element) {

    /** The class name of a whole instance, or XmlFragment. */
    String kind() {
        return element.name();
    }

    boolean isFragment() {
        return element.is(WsmanNs.WSMAN, "XmlFragment");
    }

    List<String> propertyNames() {
        List<String> names = new ArrayList<>();
        for (XmlNode c : element.children()) {
            if (!names.contains(c.name())) {
                names.add(c.name());
            }
        }
        return names;
    }

    /** The property's values in document order (several for an array); null for a nil value. */
    List<String> values(String property) {
        List<String> v = new ArrayList<>();
        for (XmlNode c : element.children()) {
            if (c.name().equals(property)) {
                v.add(isNil(c) ? null : c.text());
            }
        }
        return v;
    }

    /** The single value of a property; null when nil or absent. */
    String value(String property) {
        List<String> v = values(property);
        return v.isEmpty() ? null : v.get(0);
    }

    static boolean isNil(XmlNode n) {
        return "true".equals(n.attribute("{" + WsmanNs.XSI + "}nil"));
    }
}
