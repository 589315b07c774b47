package org.hvdiag.esxi.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.connector.Progress;

/**
 * Every datastore of the server with what its file access needs: its name, its browser and the
 * inventory path of its datacenter (the {@code dcPath} of a /folder/ URL: "ha-datacenter" on an
 * ESXi host, "DC1" or "Europe/DC1" on a vCenter). Three paged reads, whatever the number of VMs:
 * datastores, datacenters and folders, each with its parent, so the path is walked in memory.
 */
final class Datastores {
    /** One datastore: {@code datacenterPath} is null when no datacenter was found above it. */
    record Datastore(ManagedObjectReference ref, String name, ManagedObjectReference browser, String datacenterPath) {
    }

    private final Map<String, Datastore> byRef = new HashMap<>();
    private final Map<String, List<Datastore>> byName = new HashMap<>();

    static Datastores read(VimConnection vim) throws ConnectorException {
        record Node(String name, ManagedObjectReference parent, boolean datacenter) {
        }
        Map<String, Node> nodes = new HashMap<>();
        PropertyReader reader = new PropertyReader(vim);
        reader.readAll("Folder", List.of("name", "parent"), Progress.NONE, o -> {
            Map<String, Object> p = o.values();
            nodes.put(o.id(), new Node(VmMapper.text(p.get("name")), ref(p.get("parent")), false));
        });
        reader.readAll("Datacenter", List.of("name", "parent"), Progress.NONE, o -> {
            Map<String, Object> p = o.values();
            nodes.put(o.id(), new Node(VmMapper.text(p.get("name")), ref(p.get("parent")), true));
        });
        Datastores out = new Datastores();
        reader.readAll("Datastore", List.of("name", "parent", "browser"), Progress.NONE, o -> {
            Map<String, Object> p = o.values();
            // Up from the datastore's folder to its datacenter, then the datacenter's path below the root folder.
            String dcPath = null;
            ManagedObjectReference at = ref(p.get("parent"));
            for (int depth = 0; at != null && depth < 64; depth++) {
                Node n = nodes.get(key(at));
                if (n == null) {
                    break;
                }
                if (n.datacenter()) {
                    List<String> names = new ArrayList<>();
                    names.add(n.name());
                    for (ManagedObjectReference up = n.parent(); up != null && names.size() < 64; ) {
                        Node f = nodes.get(key(up));
                        // The root folder ("Datacenters") has no parent and is not part of the path.
                        if (f == null || f.parent() == null) {
                            break;
                        }
                        names.add(0, f.name());
                        up = f.parent();
                    }
                    dcPath = String.join("/", names);
                    break;
                }
                at = n.parent();
            }
            ManagedObjectReference browser = ref(p.get("browser"));
            // Sent back as a call's _this, the reference needs its type, which a reader may not have kept.
            browser = browser == null ? null : VimConnection.ref("HostDatastoreBrowser", browser.getVal());
            Datastore d = new Datastore(VimConnection.ref("Datastore", o.id()), VmMapper.text(p.get("name")), browser, dcPath);
            out.byRef.put(key(d.ref()), d);
            out.byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
        });
        return out;
    }

    /**
     * The datastore named {@code name} among those the VM uses; when the VM's list does not name it, the
     * one datastore of that name on the server. Null when there is none, or several and none is the VM's.
     */
    Datastore find(String name, ManagedObjectReference[] vmDatastores) {
        if (vmDatastores != null) {
            for (ManagedObjectReference r : vmDatastores) {
                Datastore d = byRef.get(key(r));
                if (d != null && d.name().equals(name)) {
                    return d;
                }
            }
        }
        List<Datastore> named = byName.getOrDefault(name, List.of());
        return named.size() == 1 ? named.get(0) : null;
    }

    int count(String name) {
        return byName.getOrDefault(name, List.of()).size();
    }

    static Map<String, Object> props(ObjectContent oc) {
        Map<String, Object> p = new HashMap<>();
        if (oc.getPropSet() != null) {
            for (DynamicProperty d : oc.getPropSet()) {
                p.put(d.getName(), d.getVal());
            }
        }
        return p;
    }

    static ManagedObjectReference ref(Object v) {
        return v instanceof ManagedObjectReference r ? r : null;
    }

    /**
     * Managed object ids are unique on a server whatever their type, and yavijava leaves the type of a
     * reference inside a property value unset: the id alone is the key.
     */
    private static String key(ManagedObjectReference r) {
        return r.getVal();
    }
}
