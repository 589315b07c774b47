package org.hvdiag.vboxweb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IMachine (and 7.1's IPlatform and IFirmwareSettings) as MachineImpl.cpp answers: reads of the
 * object's own values; setters only on a session machine of a powered-off VM; lockMachine's rules.
 */
final class MachineOperations {
    /** SchemaDefs MinCPUCount/MaxCPUCount (TCPUCount in VirtualBox-settings.xsd). */
    private static final int MIN_CPUS = 1;
    private static final int MAX_CPUS = 64;
    /** MM_RAM_MIN_IN_MB / MM_RAM_MAX_IN_MB on a 64-bit host (VBox/param.h). */
    private static final long MIN_RAM_MB = 4;
    private static final long MAX_RAM_MB = 2097152;

    private MachineOperations() {
    }

    static void register(Map<String, Handler> t) {
        t.put("IMachine_getId", c -> Call.one(c.machine().vm.settings.uuid()));
        t.put("IMachine_getName", c -> Call.one(c.machine().vm.name()));
        t.put("IMachine_getOSTypeId", c -> Call.one(c.machine().vm.settings.osTypeId()));
        t.put("IMachine_getCPUCount", c -> Call.one(Integer.toString(c.machine().cpuCount)));
        t.put("IMachine_getCPUHotPlugEnabled", c -> Call.one(Boolean.toString(c.machine().cpuHotPlug)));
        t.put("IMachine_getMemorySize", c -> Call.one(Long.toString(c.machine().memoryMiB)));
        t.put("IMachine_getState", c -> Call.one(c.machine().vm.state));
        t.put("IMachine_getSessionState", c -> Call.one(c.machine().vm.locked() ? "Locked" : "Unlocked"));
        t.put("IMachine_getSettingsFilePath", c -> Call.one(c.machine().vm.settings.file().toString()));
        t.put("IMachine_getSnapshotCount", c -> Call.one(Integer.toString(c.machine().vm.settings.snapshotCount())));
        t.put("IMachine_getFirmwareType", c -> Call.one(c.machine().vm.settings.firmware()));
        t.put("IMachine_getChipsetType", c -> Call.one(c.machine().vm.settings.chipset()));
        t.put("IMachine_getPlatform", c -> Call.one(c.ref(c.machine().platform)));
        t.put("IMachine_getFirmwareSettings", c -> Call.one(c.ref(c.machine().firmwareSettings)));
        t.put("IPlatform_getChipsetType", c -> Call.one(c.part("IPlatform").machine().vm.settings.chipset()));
        t.put("IFirmwareSettings_getFirmwareType",
                c -> Call.one(c.part("IFirmwareSettings").machine().vm.settings.firmware()));
        t.put("IMachine_getUSBControllers", c -> {
            MachineObject m = c.machine();
            String[] refs = new String[m.controllers.size()];
            for (int i = 0; i < refs.length; i++) {
                refs[i] = c.ref(m.controllers.get(i));
            }
            return refs;
        });
        t.put("IMachine_getUSBDeviceFilters", c -> Call.one(c.ref(c.machine().filtersObject)));
        t.put("IMachine_getGuestPropertyValue",
                c -> Call.one(c.machine().vm.guestProperty(c.param("property"), c.endpoint.version.version())));

        t.put("IMachine_queryLogFilename", c -> Call.one(MachineLogs.queryLogFilename(c.machine().vm, c.unsignedInt("idx"))));
        t.put("IMachine_readLog", c -> Call.one(MachineLogs.readLog(c.machine().vm, c.unsignedInt("idx"),
                c.signedLong("offset"), c.signedLong("size"))));

        t.put("IMachine_lockMachine", MachineOperations::lockMachine);
        t.put("IMachine_addUSBController", MachineOperations::addUsbController);
        t.put("IMachine_removeUSBController", c -> {
            MachineObject m = c.machine();
            m.checkMutable();
            String name = c.param("name");
            UsbController found = m.controllers.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
            if (found == null) {
                // (sic) MachineImpl.cpp i_getUSBControllerByName says "storage controller".
                throw new VboxError(ResultCode.VBOX_E_OBJECT_NOT_FOUND, "Could not find a storage controller named '" + name + "'");
            }
            m.controllers.remove(found);
            return null;
        });
        t.put("IMachine_setCPUCount", c -> {
            long n = c.unsignedInt("CPUCount");
            MachineObject m = c.machine();
            if (n < MIN_CPUS || n > MAX_CPUS) {
                throw new VboxError(ResultCode.E_INVALIDARG, "Invalid virtual CPU count: " + n + " (must be in range ["
                        + MIN_CPUS + ", " + MAX_CPUS + "])");
            }
            m.checkMutable();
            m.cpuCount = (int) n;
            return null;
        });
        t.put("IMachine_setCPUHotPlugEnabled", c -> {
            boolean on = c.bool("CPUHotPlugEnabled");
            MachineObject m = c.machine();
            m.checkMutable();
            m.cpuHotPlug = on;
            return null;
        });
        t.put("IMachine_setMemorySize", c -> {
            long n = c.unsignedInt("memorySize");
            MachineObject m = c.machine();
            if (n < MIN_RAM_MB || n > MAX_RAM_MB) {
                throw new VboxError(ResultCode.E_INVALIDARG, "Invalid RAM size: " + n + " MB (must be in range ["
                        + MIN_RAM_MB + ", " + MAX_RAM_MB + "] MB)");
            }
            m.checkMutable();
            m.memoryMiB = n;
            return null;
        });
        t.put("IMachine_saveSettings", MachineOperations::saveSettings);
        t.put("IMachine_discardSettings", c -> {
            MachineObject m = c.machine();
            m.checkFiltersChangeable();
            m.takeValuesOf(m.vm.registered);
            return null;
        });
    }

    /** Machine::lockMachine: Shared joins an existing lock (else takes the write lock), Write needs none. */
    private static String[] lockMachine(Call c) throws SoapFault, VboxError {
        MachineObject m = c.machine();
        String lockType = c.param("lockType");
        if (!lockType.equals("Shared") && !lockType.equals("Write") && !lockType.equals("VM")) {
            throw c.typeMismatch("lockType");
        }
        SessionObject s = c.endpoint.websessions.resolve(c.param("session"), SessionObject.class);
        if (s.locked()) {
            throw new VboxError(ResultCode.VBOX_E_INVALID_OBJECT_STATE, "The given session is busy");
        }
        Vm vm = m.vm;
        if (vm.locked()) {
            if (!lockType.equals("Shared")) {
                throw new VboxError(ResultCode.VBOX_E_INVALID_OBJECT_STATE,
                        "The machine '" + vm.name() + "' is already locked for a session (or being unlocked)");
            }
            s.vm = vm;
            s.machine = vm.sessionMachine;
            s.writer = false;
            vm.sharers.add(s);
            return null;
        }
        vm.sessionMachine = vm.registered.sessionCopy();
        vm.writer = s;
        s.vm = vm;
        s.machine = vm.sessionMachine;
        s.writer = true;
        return null;
    }

    /** Machine::addUSBController: by name first (VBOX_E_OBJECT_IN_USE), then one per type (E_INVALIDARG). */
    private static String[] addUsbController(Call c) throws SoapFault, VboxError {
        String type = c.param("type");
        if (!type.equals("OHCI") && !type.equals("EHCI") && !type.equals("XHCI")) {
            if (type.equals("Null") || type.equals("Last")) {
                throw new VboxError(ResultCode.E_INVALIDARG, "Invalid USB controller type: " + (type.equals("Null") ? 0 : 4));
            }
            throw c.typeMismatch("type");
        }
        MachineObject m = c.machine();
        m.checkMutable();
        String name = c.param("name");
        if (m.controllers.stream().anyMatch(u -> u.name().equals(name))) {
            throw new VboxError(ResultCode.VBOX_E_OBJECT_IN_USE, "USB controller named '" + name + "' already exists");
        }
        if (m.controllers.stream().anyMatch(u -> u.type().equals(type))) {
            // SystemProperties::getMaxInstancesOfUSBControllerType is 1 for every type.
            throw new VboxError(ResultCode.E_INVALIDARG, "Too many USB controllers of this type");
        }
        UsbController u = new UsbController(name, type);
        m.controllers.add(u);
        return Call.one(c.ref(u));
    }

    private static String[] saveSettings(Call c) throws SoapFault, VboxError {
        MachineObject m = c.machine();
        m.checkFiltersChangeable();
        List<FilterValues> filters = new ArrayList<>();
        for (UsbFilter f : m.filters) {
            filters.add(f.values());
        }
        try {
            SettingsFile.write(m.vm.settings.file(), m.cpuCount, m.cpuHotPlug, m.memoryMiB, m.controllers, filters);
        } catch (IOException e) {
            throw new VboxError(ResultCode.VBOX_E_FILE_ERROR,
                    "Could not save the settings file '" + m.vm.settings.file() + "': " + e.getMessage());
        }
        m.vm.registered.takeValuesOf(m);
        return null;
    }
}
