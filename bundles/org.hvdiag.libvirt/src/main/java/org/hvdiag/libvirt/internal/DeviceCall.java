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
        OnRunningDomain calls = new OnRunningDomain(DomainDocument.parse(domain, read.liveXml()),
                DomainDocument.parse(domain, read.configXml()));
        for (ConfigChange c : changes) {
            c.accept(calls);
            if (calls.refused != null) {
                throw calls.refused;
            }
        }
        return calls.calls;
    }

    /** USB device changes as calls on a running domain; every other kind needs the domain shut off. */
    private static final class OnRunningDomain implements ConfigChange.Visitor<Void> {
        private final DomainDocument live;
        private final DomainDocument config;
        private final List<DeviceCall> calls = new ArrayList<>();
        private ConnectorException refused;

        OnRunningDomain(DomainDocument live, DomainDocument config) {
            this.live = live;
            this.config = config;
        }

        @Override
        public Void removeUsbDevice(ConfigChange.RemoveUsbDevice r) {
            try {
                Element now = live.requireUsbDevice(r.deviceId());
                boolean defined = config.counterpart(r.deviceId(), now) != null;
                calls.add(new DeviceCall(DomainDocument.fragment(now), false, true, defined,
                        "detached " + r.deviceId() + (defined ? " live and from the definition" : " live")));
            } catch (ConnectorException e) {
                refused = e;
            }
            return null;
        }

        @Override
        public Void setAutoConnect(ConfigChange.SetAutoConnect a) {
            try {
                Element now = live.requireUsbDevice(a.objectId());
                Element defined = config.counterpart(a.objectId(), now);
                if (!a.enabled() && defined != null) {
                    calls.add(new DeviceCall(DomainDocument.fragment(defined), false, false, true,
                            a.objectId() + " taken out of the definition, left in the running guest"));
                } else if (a.enabled() && defined == null) {
                    calls.add(new DeviceCall(DomainDocument.fragment(now), true, false, true,
                            a.objectId() + " added to the definition"));
                }
            } catch (ConnectorException e) {
                refused = e;
            }
            return null;
        }

        private Void needsShutdown(ConfigChange c) {
            refused = new ConnectorException("hvdiag cannot " + c.describe() + " on a running domain; shut it down first");
            return null;
        }

        @Override public Void addUsbController(ConfigChange.AddUsbController c) { return needsShutdown(c); }
        @Override public Void removeUsbController(ConfigChange.RemoveUsbController c) { return needsShutdown(c); }
        @Override public Void removeUsbFilter(ConfigChange.RemoveUsbFilter c) { return needsShutdown(c); }
        @Override public Void upgradeHardwareVersion(ConfigChange.UpgradeHardwareVersion c) { return needsShutdown(c); }
        @Override public Void setCpuHotAdd(ConfigChange.SetCpuHotAdd c) { return needsShutdown(c); }
        @Override public Void setMemoryHotAdd(ConfigChange.SetMemoryHotAdd c) { return needsShutdown(c); }
        @Override public Void setVcpus(ConfigChange.SetVcpus c) { return needsShutdown(c); }
        @Override public Void setMemory(ConfigChange.SetMemory c) { return needsShutdown(c); }
        @Override public Void setAdvancedSetting(ConfigChange.SetAdvancedSetting c) { return needsShutdown(c); }
        @Override public Void setAutomaticStopAction(ConfigChange.SetAutomaticStopAction c) { return needsShutdown(c); }
        @Override public Void setDynamicMemory(ConfigChange.SetDynamicMemory c) { return needsShutdown(c); }
        @Override public Void setNestedVirtualization(ConfigChange.SetNestedVirtualization c) { return needsShutdown(c); }
        @Override public Void setIntegrationService(ConfigChange.SetIntegrationService c) { return needsShutdown(c); }
        @Override public Void setSecureBootTemplate(ConfigChange.SetSecureBootTemplate c) { return needsShutdown(c); }
    }
}
