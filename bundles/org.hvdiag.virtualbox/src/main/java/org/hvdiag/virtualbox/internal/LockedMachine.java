package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;

/**
 * A machine locked through the websession's ISession, with its mutable copy: the only way
 * VirtualBox lets a client change settings. {@link #save()} commits; closing without it discards the
 * changes and unlocks, so a failure midway never leaves a half-saved VM or a machine locked by us.
 */
final class LockedMachine implements AutoCloseable {
    private final WebSession ws;
    private final String session;
    private final String mutable;
    private String deviceFilters;
    private boolean saved;
    private boolean saveSent;

    private LockedMachine(WebSession ws, String session, String mutable) {
        this.ws = ws;
        this.session = session;
        this.mutable = mutable;
    }

    /**
     * Locks for writing when the VM is off; a running VM's process holds the machine, and VirtualBox
     * grants others only a shared lock, through which the changes allowed while running (device
     * filters) are made.
     */
    static LockedMachine lock(WebSession ws, String machine, boolean running) throws ConnectorException {
        String session = ws.session();
        ws.web().call("IMachine_lockMachine", "_this", machine, "session", session, "lockType", running ? "Shared" : "Write");
        try {
            return new LockedMachine(ws, session, ws.web().call("ISession_getMachine", "_this", session).value());
        } catch (ConnectorException | RuntimeException e) {
            unlockQuietly(ws, session);
            throw e;
        }
    }

    void callOnMachine(String operation, List<String> parameters) throws ConnectorException {
        ws.web().call(operation, withThis(mutable, parameters));
    }

    void callOnFilter(int position, String operation, List<String> parameters) throws ConnectorException {
        List<String> refs = ws.web().call("IUSBDeviceFilters_getDeviceFilters", "_this", deviceFilters()).array();
        if (position >= refs.size()) {
            throw new ConnectorException("the VM has no USB device filter at position " + position + " any more");
        }
        ws.web().call(operation, withThis(refs.get(position), parameters));
    }

    void removeFilter(int position) throws ConnectorException {
        ws.web().call("IUSBDeviceFilters_removeDeviceFilter", "_this", deviceFilters(), "position", Integer.toString(position));
    }

    void insertFilter(MachineFacts.Filter f, int position) throws ConnectorException {
        String filters = deviceFilters();
        String ref = ws.web().call("IUSBDeviceFilters_createDeviceFilter", "_this", filters, "name", f.name()).value();
        String[][] fields = {
            {"IUSBDeviceFilter_setActive", "active", Boolean.toString(f.active())},
            {"IUSBDeviceFilter_setVendorId", "vendorId", f.vendorId()},
            {"IUSBDeviceFilter_setProductId", "productId", f.productId()},
            {"IUSBDeviceFilter_setRevision", "revision", f.revision()},
            {"IUSBDeviceFilter_setManufacturer", "manufacturer", f.manufacturer()},
            {"IUSBDeviceFilter_setProduct", "product", f.product()},
            {"IUSBDeviceFilter_setSerialNumber", "serialNumber", f.serialNumber()},
            {"IUSBDeviceFilter_setPort", "port", f.port()},
            {"IUSBDeviceFilter_setRemote", "remote", f.remote()},
            {"IUSBDeviceFilter_setMaskedInterfaces", "maskedInterfaces", f.maskedInterfaces().isEmpty() ? "0" : f.maskedInterfaces()},
        };
        for (String[] field : fields) {
            // createDeviceFilter leaves every field empty (and active off): set only what differs.
            boolean isDefault = field[2].isEmpty() || (field[1].equals("maskedInterfaces") && field[2].equals("0"));
            if (!isDefault) {
                ws.web().call(field[0], "_this", ref, field[1], field[2]);
            }
        }
        ws.web().call("IUSBDeviceFilters_insertDeviceFilter", "_this", filters, "position", Integer.toString(position),
                "filter", ref);
    }

    void save() throws ConnectorException {
        saveSent = true;
        ws.web().call("IMachine_saveSettings", "_this", mutable);
        saved = true;
    }

    /** Whether saveSettings went out: after that, a lost answer leaves the VM saved or not, unknown. */
    boolean saveSent() {
        return saveSent;
    }

    boolean saved() {
        return saved;
    }

    private String deviceFilters() throws ConnectorException {
        if (deviceFilters == null) {
            deviceFilters = ws.web().call("IMachine_getUSBDeviceFilters", "_this", mutable).value();
        }
        return deviceFilters;
    }

    private static String[] withThis(String ref, List<String> parameters) {
        List<String> all = new ArrayList<>(parameters.size() + 2);
        all.add("_this");
        all.add(ref);
        all.addAll(parameters);
        return all.toArray(new String[0]);
    }

    @Override
    public void close() {
        if (!saved) {
            try {
                ws.web().call("IMachine_discardSettings", "_this", mutable);
            } catch (ConnectorException | RuntimeException e) {
                // Unlocking without saving drops the changes too; discarding first only makes it explicit.
            }
        }
        unlockQuietly(ws, session);
    }

    private static void unlockQuietly(WebSession ws, String session) {
        try {
            ws.web().call("ISession_unlockMachine", "_this", session);
        } catch (ConnectorException | RuntimeException e) {
            // The server is gone or already unlocked it: nothing is held on our side.
        }
    }
}
