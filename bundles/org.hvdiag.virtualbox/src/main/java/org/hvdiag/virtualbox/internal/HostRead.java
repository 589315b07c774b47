package org.hvdiag.virtualbox.internal;

import java.util.List;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.model.Host;
import org.hvdiag.core.model.HypervisorKind;

/**
 * The machine vboxwebsrv runs on, from IHost, and VirtualBox's version. Extension packs are not
 * visible over the web service (IExtPackManager is not in the WSDL): the caller supplies what it
 * knows of them, null when nothing.
 */
final class HostRead {
    private HostRead() {
    }

    static Host read(WebSession ws, String hostId, List<String> extensionPacks) throws ConnectorException {
        String host = ws.web().call("IVirtualBox_getHost", "_this", ws.virtualBox()).value();
        int threads = (int) number(ws, "IHost_getProcessorCount", host);
        int cores = (int) number(ws, "IHost_getProcessorCoreCount", host);
        long memory = number(ws, "IHost_getMemorySize", host);
        return new Host(hostId, hostId, HypervisorKind.VIRTUALBOX, ws.version(), -1, cores, threads, memory, null,
                extensionPacks == null ? List.of() : extensionPacks, extensionPacks != null);
    }

    /** A numeric property; an answer that is not a number is an error naming server and operation. */
    static long number(WebSession ws, String operation, String ref) throws ConnectorException {
        String v = ws.web().call(operation, "_this", ref).value();
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ConnectorException(ws.web().url().hostAndPort() + " answered " + operation + " with '" + v
                    + "', expected a number");
        }
    }
}
