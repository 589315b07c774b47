package org.hvdiag.vboxweb;

import java.util.Map;

/**
 * IWebsessionManager, IManagedObjectRef, IVirtualBox, IHost, ISession and IVirtualBoxErrorInfo, as
 * vboxweb.cpp, VirtualBoxImpl.cpp and SessionImpl.cpp answer them.
 */
final class SessionOperations {
    private SessionOperations() {
    }

    static void register(Map<String, Handler> t) {
        t.put("IWebsessionManager_logon", c -> {
            Endpoint e = c.endpoint;
            if (!e.options.accepts(c.param("username"), c.param("password"))) {
                // vboxweb.cpp returns SOAP_FAULT without a fault of its own: gSOAP's generic one.
                throw new SoapFault(SoapFault.Kind.LOGON_FAILED, "", "Error 12");
            }
            c.websession = e.websessions.logon();
            return Call.one(c.ref(c.websession.virtualBox));
        });
        t.put("IWebsessionManager_getSessionObject", c -> {
            c.websession = c.endpoint.websessions.of(c.param("refIVirtualBox"));
            if (c.websession == null) {
                throw SoapFault.invalidObject(c.param("refIVirtualBox"));
            }
            return Call.one(c.ref(new SessionObject()));
        });
        t.put("IWebsessionManager_logoff", c -> {
            // An unknown reference is no error here (vboxweb.cpp).
            c.endpoint.websessions.logoff(c.param("refIVirtualBox"));
            return null;
        });
        t.put("IManagedObjectRef_release", c -> {
            Websession ws = c.endpoint.websessions.of(c.self());
            if (ws == null || !ws.release(Websessions.objectId(c.self()))) {
                throw SoapFault.invalidObject(c.self());
            }
            return null;
        });

        t.put("IVirtualBox_getVersion", c -> {
            c.self(Websession.VirtualBoxObject.class);
            return Call.one(c.endpoint.version.version());
        });
        t.put("IVirtualBox_getAPIVersion", c -> {
            c.self(Websession.VirtualBoxObject.class);
            return Call.one(c.endpoint.version.api());
        });
        t.put("IVirtualBox_getHost", c -> {
            c.self(Websession.VirtualBoxObject.class);
            return Call.one(c.ref(c.websession.host));
        });
        t.put("IVirtualBox_getMachines", c -> {
            c.self(Websession.VirtualBoxObject.class);
            var machines = c.endpoint.fleet.machines;
            String[] refs = new String[machines.size()];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = c.ref(machines.get(i).registered);
            }
            return refs;
        });
        t.put("IVirtualBox_findMachine", c -> {
            c.self(Websession.VirtualBoxObject.class);
            return Call.one(c.ref(c.endpoint.fleet.find(c.param("nameOrId")).registered));
        });

        t.put("IHost_getProcessorCount", c -> {
            c.self(Websession.HostObject.class);
            return Call.one(Integer.toString(c.endpoint.options.hostCpus()));
        });
        t.put("IHost_getProcessorCoreCount", c -> {
            c.self(Websession.HostObject.class);
            return Call.one(Integer.toString(c.endpoint.options.hostCores()));
        });
        t.put("IHost_getMemorySize", c -> {
            c.self(Websession.HostObject.class);
            return Call.one(Long.toString(c.endpoint.options.hostMemoryMiB()));
        });
        t.put("IHost_getUSBDevices", c -> {
            // A loopback host has no USB devices to offer.
            c.self(Websession.HostObject.class);
            return new String[0];
        });

        t.put("ISession_getState", c -> Call.one(c.self(SessionObject.class).state()));
        t.put("ISession_getMachine", c -> {
            SessionObject s = c.self(SessionObject.class);
            checkOpen(s);
            return Call.one(c.ref(s.machine));
        });
        t.put("ISession_unlockMachine", c -> {
            SessionObject s = c.self(SessionObject.class);
            checkOpen(s);
            s.unlock();
            return null;
        });

        t.put("IVirtualBoxErrorInfo_getResultCode", c -> Call.one(Integer.toString(c.self(ErrorInfo.class).resultCode())));
        t.put("IVirtualBoxErrorInfo_getText", c -> Call.one(c.self(ErrorInfo.class).text()));
        t.put("IVirtualBoxErrorInfo_getNext", c -> {
            c.self(ErrorInfo.class);
            return Call.one("");
        });
    }

    /** SessionImpl.cpp CHECK_OPEN. */
    private static void checkOpen(SessionObject s) throws VboxError {
        if (!s.locked()) {
            throw new VboxError(ResultCode.E_UNEXPECTED, "The session is not locked (session state: " + s.state() + ")");
        }
    }
}
