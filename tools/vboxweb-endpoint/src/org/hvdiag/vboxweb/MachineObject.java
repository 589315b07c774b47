package org.hvdiag.vboxweb;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMachine object: either the registered machine (what getMachines and findMachine give; its
 * setters fail because it is not a session machine) or a session machine (ISession_getMachine after
 * lockMachine), whose changes stay in it until saveSettings.
 */
final class MachineObject {
    final Vm vm;
    final boolean session;
    /** A session machine after its session was unlocked: every call fails as "not ready". */
    boolean uninitialised;
    int cpuCount;
    boolean cpuHotPlug;
    long memoryMiB;
    List<UsbController> controllers = new ArrayList<>();
    List<UsbFilter> filters = new ArrayList<>();
    final Part filtersObject = new Part(this, "IUSBDeviceFilters");
    final Part platform = new Part(this, "IPlatform");
    final Part firmwareSettings = new Part(this, "IFirmwareSettings");

    /** An object that belongs to a machine and has no state of its own (IUSBDeviceFilters, IPlatform...). */
    record Part(MachineObject machine, String iface) {
    }

    private MachineObject(Vm vm, boolean session) {
        this.vm = vm;
        this.session = session;
    }

    static MachineObject registered(Vm vm) {
        MachineObject m = new MachineObject(vm, false);
        MachineSettings s = vm.settings;
        m.cpuCount = s.cpuCount();
        m.cpuHotPlug = s.cpuHotPlug();
        m.memoryMiB = s.memoryMiB();
        m.controllers = new ArrayList<>(s.controllers());
        for (FilterValues f : s.filters()) {
            m.filters.add(UsbFilter.of(m, f));
        }
        return m;
    }

    MachineObject sessionCopy() {
        MachineObject m = new MachineObject(vm, true);
        m.takeValuesOf(this);
        return m;
    }

    void takeValuesOf(MachineObject other) {
        cpuCount = other.cpuCount;
        cpuHotPlug = other.cpuHotPlug;
        memoryMiB = other.memoryMiB;
        controllers = new ArrayList<>(other.controllers);
        filters = new ArrayList<>();
        for (UsbFilter f : other.filters) {
            filters.add(f.copyFor(this));
        }
    }

    void checkReady() throws VboxError {
        if (uninitialised) {
            throw VboxError.notReady();
        }
    }

    /** MutableStateDep: a session machine of a powered-off VM. */
    void checkMutable() throws VboxError {
        checkReady();
        if (!session || !vm.state.equals("PoweredOff")) {
            throw VboxError.notMutable(vm.state);
        }
    }

    /** MutableOrSavedOrRunningStateDep: any session machine (device filters, saveSettings). */
    void checkFiltersChangeable() throws VboxError {
        checkReady();
        if (!session) {
            throw VboxError.notMutableSavedOrRunning(vm.state);
        }
    }
}
