package org.hvdiag.esxi.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.MissingProperty;
import com.vmware.vim25.ObjectContent;

/**
 * One object's properties as a RetrievePropertiesEx page gave them, whichever reader parsed the page
 * (the streamed inventory read or yavijava's, around a change), so that one mapper serves both.
 * Values are plain Java (String, Integer, Long, Boolean...) or the yavijava types the mappers know
 * (ManagedObjectReference, OptionValue[], VirtualDevice[]); a value the reader could not type is absent.
 *
 * @param id         the object's managed object id ("vm-42")
 * @param values     by property path
 * @param unreadable the paths the server could not read, with the fault it named
 */
record ObjectProperties(String id, Map<String, Object> values, List<Unreadable> unreadable) {

    /** What yavijava's reader gave (the reads around a change), in the same form. */
    static ObjectProperties of(ObjectContent oc) {
        Map<String, Object> values = new HashMap<>();
        if (oc.getPropSet() != null) {
            for (DynamicProperty d : oc.getPropSet()) {
                if (d.getVal() != null) {
                    values.put(d.getName(), d.getVal());
                }
            }
        }
        List<Unreadable> unreadable = new ArrayList<>(0);
        if (oc.getMissingSet() != null) {
            for (MissingProperty m : oc.getMissingSet()) {
                unreadable.add(new Unreadable(m.getPath(), m.getFault() == null || m.getFault().getFault() == null ? null
                        : m.getFault().getFault().getClass().getSimpleName()));
            }
        }
        return new ObjectProperties(oc.getObj().getVal(), values, unreadable);
    }

    /** A property in the page's missingSet: {@code fault} is the fault's type name, or null when none was given. */
    record Unreadable(String path, String fault) {
    }
}
