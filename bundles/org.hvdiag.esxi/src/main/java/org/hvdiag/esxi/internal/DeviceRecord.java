package org.hvdiag.esxi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vmware.vim25.Description;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualUSB;
import com.vmware.vim25.VirtualUSBController;
import com.vmware.vim25.VirtualUSBUSBBackingInfo;
import com.vmware.vim25.VirtualUSBXHCIController;

/**
 * A USB controller or device as the journal keeps it for undo: enough to put it back as it was
 * (type, flags, vendor and product, speeds, backing device name), in plain JSON an admin can read.
 */
final class DeviceRecord {
    private DeviceRecord() {
    }

    static ObjectNode of(VirtualDevice d) {
        ObjectNode n = ReconfigSpec.JSON.createObjectNode();
        n.put("key", d.getKey());
        if (d instanceof VirtualUSBXHCIController) {
            n.put("kind", "xhci");
            n.put("autoConnect", Boolean.TRUE.equals(((VirtualUSBXHCIController) d).getAutoConnectDevices()));
        } else if (d instanceof VirtualUSBController) {
            VirtualUSBController c = (VirtualUSBController) d;
            n.put("kind", "uhci");
            n.put("ehci", Boolean.TRUE.equals(c.getEhciEnabled()));
            n.put("autoConnect", Boolean.TRUE.equals(c.getAutoConnectDevices()));
        } else if (d instanceof VirtualUSB) {
            VirtualUSB u = (VirtualUSB) d;
            n.put("kind", "usb");
            n.put("controllerKey", u.getControllerKey() == null ? 0 : u.getControllerKey());
            n.put("vendor", u.getVendor() == null ? -1 : u.getVendor());
            n.put("product", u.getProduct() == null ? -1 : u.getProduct());
            n.put("deviceName", VmMapper.backingName(u));
            n.put("label", u.getDeviceInfo() == null ? "" : u.getDeviceInfo().getLabel());
            n.put("startConnected", u.getConnectable() != null && u.getConnectable().isStartConnected());
            ArrayNode speeds = n.putArray("speed");
            if (u.getSpeed() != null) {
                for (String s : u.getSpeed()) {
                    speeds.add(s);
                }
            }
            ArrayNode family = n.putArray("family");
            if (u.getFamily() != null) {
                for (String s : u.getFamily()) {
                    family.add(s);
                }
            }
        }
        return n;
    }

    /** A new device from a record, for ReconfigVM's add; {@code key} is a placeholder (negative). */
    static VirtualDevice create(JsonNode n, int key, int controllerKey) {
        String kind = n.path("kind").asText();
        if ("xhci".equals(kind)) {
            VirtualUSBXHCIController x = new VirtualUSBXHCIController();
            x.setKey(key);
            x.setAutoConnectDevices(n.path("autoConnect").asBoolean());
            return x;
        }
        if ("uhci".equals(kind)) {
            VirtualUSBController u = new VirtualUSBController();
            u.setKey(key);
            u.setEhciEnabled(n.path("ehci").asBoolean());
            u.setAutoConnectDevices(n.path("autoConnect").asBoolean());
            return u;
        }
        VirtualUSB u = new VirtualUSB();
        u.setKey(key);
        u.setControllerKey(controllerKey);
        VirtualUSBUSBBackingInfo backing = new VirtualUSBUSBBackingInfo();
        backing.setDeviceName(n.path("deviceName").asText());
        u.setBacking(backing);
        VirtualDeviceConnectInfo connect = new VirtualDeviceConnectInfo();
        connect.setStartConnected(n.path("startConnected").asBoolean());
        connect.setAllowGuestControl(true);
        connect.setConnected(false);
        u.setConnectable(connect);
        if (n.path("vendor").asInt(-1) >= 0) {
            u.setVendor(n.path("vendor").asInt());
            u.setProduct(n.path("product").asInt());
        }
        u.setSpeed(strings(n.path("speed")));
        u.setFamily(strings(n.path("family")));
        Description label = new Description();
        label.setLabel(n.path("label").asText());
        label.setSummary(n.path("label").asText());
        u.setDeviceInfo(label);
        return u;
    }

    private static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asText();
        }
        return out;
    }
}
