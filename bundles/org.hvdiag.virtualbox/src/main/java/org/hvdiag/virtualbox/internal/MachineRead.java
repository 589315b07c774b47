package org.hvdiag.virtualbox.internal;

import java.util.ArrayList;
import java.util.List;

import org.hvdiag.core.connector.ConnectorException;

/**
 * Reads one IMachine into {@link MachineFacts}, one property per call as the web service answers,
 * through the 7.1 platform and firmware objects where the server's API has them.
 */
final class MachineRead {
    static final String GUEST_ADDITIONS_VERSION = "/VirtualBox/GuestAdd/Version";

    private final WebSession ws;

    MachineRead(WebSession ws) {
        this.ws = ws;
    }

    MachineFacts read(String machine) throws ConnectorException {
        String id = get("IMachine_getId", machine);
        String name = get("IMachine_getName", machine);
        String settingsFile = get("IMachine_getSettingsFilePath", machine);
        String osType = get("IMachine_getOSTypeId", machine);
        int cpus = (int) number("IMachine_getCPUCount", machine);
        boolean cpuHotPlug = Boolean.parseBoolean(get("IMachine_getCPUHotPlugEnabled", machine));
        long memory = number("IMachine_getMemorySize", machine);
        String state = get("IMachine_getState", machine);
        int snapshots = (int) number("IMachine_getSnapshotCount", machine);
        String firmware;
        String chipset;
        if (ws.api().hasPlatform()) {
            firmware = get("IFirmwareSettings_getFirmwareType", get("IMachine_getFirmwareSettings", machine));
            chipset = get("IPlatform_getChipsetType", get("IMachine_getPlatform", machine));
        } else {
            firmware = get("IMachine_getFirmwareType", machine);
            chipset = get("IMachine_getChipsetType", machine);
        }
        List<MachineFacts.Controller> controllers = new ArrayList<>();
        for (String c : ws.web().call("IMachine_getUSBControllers", "_this", machine).array()) {
            controllers.add(new MachineFacts.Controller(get("IUSBController_getName", c), get("IUSBController_getType", c)));
        }
        List<MachineFacts.Filter> filters = filters(get("IMachine_getUSBDeviceFilters", machine));
        // Only a running guest reports its Guest Additions; asking a powered-off VM is a wasted call.
        String additions = isRunning(state) ? ws.web().call("IMachine_getGuestPropertyValue", "_this", machine,
                "property", GUEST_ADDITIONS_VERSION).value() : "";
        return new MachineFacts(id, name, settingsFile, osType, cpus, cpuHotPlug, memory, firmware, chipset, "", state,
                controllers, filters, additions, snapshots);
    }

    /** The IUSBDeviceFilter references of a machine (or of its mutable copy), in their positions. */
    List<String> filterRefs(String deviceFilters) throws ConnectorException {
        return ws.web().call("IUSBDeviceFilters_getDeviceFilters", "_this", deviceFilters).array();
    }

    private List<MachineFacts.Filter> filters(String deviceFilters) throws ConnectorException {
        List<MachineFacts.Filter> out = new ArrayList<>();
        List<String> refs = filterRefs(deviceFilters);
        for (int i = 0; i < refs.size(); i++) {
            String f = refs.get(i);
            out.add(new MachineFacts.Filter(i, get("IUSBDeviceFilter_getName", f),
                    Boolean.parseBoolean(get("IUSBDeviceFilter_getActive", f)), get("IUSBDeviceFilter_getVendorId", f),
                    get("IUSBDeviceFilter_getProductId", f), get("IUSBDeviceFilter_getRevision", f),
                    get("IUSBDeviceFilter_getManufacturer", f), get("IUSBDeviceFilter_getProduct", f),
                    get("IUSBDeviceFilter_getSerialNumber", f), get("IUSBDeviceFilter_getPort", f),
                    get("IUSBDeviceFilter_getRemote", f), get("IUSBDeviceFilter_getMaskedInterfaces", f)));
        }
        return out;
    }

    static boolean isRunning(String state) {
        return state.equals("Running") || state.equals("Paused") || state.equals("Stuck")
                || state.equals("LiveSnapshotting") || state.equals("Teleporting");
    }

    private String get(String operation, String ref) throws ConnectorException {
        return ws.web().call(operation, "_this", ref).value();
    }

    private long number(String operation, String ref) throws ConnectorException {
        return HostRead.number(ws, operation, ref);
    }
}
