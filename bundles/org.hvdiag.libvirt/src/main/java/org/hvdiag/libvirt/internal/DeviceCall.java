package org.hvdiag.libvirt.internal;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import org.hvdiag.core.change.ConfigChange;
import org.hvdiag.core.connector.ConnectorException;

/**
 * One device attach or detach on a running domain, in the guest now ({@code live}) and/or in its
 * definition ({@code config}): how a running domain's USB devices change without a restart.
 * Removing a device takes it out of both; turning autoconnect off takes it out of the definition
 * only, so it stays in the running guest but is not attached at the next start; turning it on puts
 * the running guest's device into the definition.
 */
record DeviceCall(String deviceXml, boolean attach, boolean live, boolean config, String what) {

    void run(LibvirtLink link, LibvirtLink.Listed domain) throws ConnectorException {
        if (attach) {
            link.attach(domain, deviceXml, live, config);
        } else {
            link.detach(domain, deviceXml, live, config);
        }
    }

    static String summary(List<DeviceCall> calls) {
        List<String> s = new ArrayList<>();
        calls.forEach(c -> s.add(c.what));
        return String.join(", ", s);
    }

    /** The calls for the device changes of a plan on a running domain; other changes are refused before. */
    static List<DeviceCall> of(String domain, LiveDomains.Read read, List<ConfigChange> changes) throws ConnectorException {
        DomainDocument live = DomainDocument.parse(domain, read.liveXml());
        DomainDocument config = DomainDocument.parse(domain, read.configXml());
        List<DeviceCall> calls = new ArrayList<>();
        for (ConfigChange c : changes) {
            if (c instanceof ConfigChange.RemoveUsbDevice r) {
                Element now = live.requireUsbDevice(r.deviceId());
                boolean defined = config.counterpart(r.deviceId(), now) != null;
                calls.add(new DeviceCall(DomainDocument.fragment(now), false, true, defined,
                        "detached " + r.deviceId() + (defined ? " live and from the definition" : " live")));
            } else if (c instanceof ConfigChange.SetAutoConnect a) {
                Element now = live.requireUsbDevice(a.objectId());
                Element defined = config.counterpart(a.objectId(), now);
                if (!a.enabled() && defined != null) {
                    calls.add(new DeviceCall(DomainDocument.fragment(defined), false, false, true,
                            a.objectId() + " taken out of the definition, left in the running guest"));
                } else if (a.enabled() && defined == null) {
                    calls.add(new DeviceCall(DomainDocument.fragment(now), true, false, true,
                            a.objectId() + " added to the definition"));
                }
            } else {
                throw new ConnectorException("hvdiag cannot " + c.describe() + " on a running domain; shut it down first");
            }
        }
        return calls;
    }
}
