package org.hvdiag.vboxweb;

/**
 * An ISession from IWebsessionManager_getSessionObject. Locked means it holds the machine's write
 * lock or shares the lock of the session that holds it (a running VM's process).
 */
final class SessionObject {
    Vm vm;
    MachineObject machine;
    boolean writer;

    boolean locked() {
        return vm != null;
    }

    String state() {
        return locked() ? "Locked" : "Unlocked";
    }

    /**
     * Session::unlockMachine: a writer's session machine goes away with its unsaved changes, and
     * sessions sharing it are unlocked with it.
     */
    void unlock() {
        if (vm == null) {
            return;
        }
        if (writer) {
            vm.sessionMachine.uninitialised = true;
            vm.sessionMachine = null;
            vm.writer = null;
            for (SessionObject s : vm.sharers) {
                s.vm = null;
                s.machine = null;
            }
            vm.sharers.clear();
        } else {
            vm.sharers.remove(this);
        }
        vm = null;
        machine = null;
        writer = false;
    }
}
