package org.hvdiag.vboxweb;

import java.util.ArrayList;
import java.util.List;

/**
 * A registered machine: its settings file, power state and session lock. The registered IMachine
 * shows the saved settings; while a session holds the write lock (or the VM process runs it) a
 * session machine carries the changes that saveSettings commits.
 */
final class Vm {
    final MachineSettings settings;
    final MachineObject registered;
    /** MachineState: PoweredOff, or Running for a VM named in --running. */
    final String state;
    /** The session machine while the machine is locked; null when unlocked. */
    MachineObject sessionMachine;
    /** The session that holds the write lock; null when unlocked or locked by the VM process. */
    SessionObject writer;
    final List<SessionObject> sharers = new ArrayList<>();

    Vm(MachineSettings settings, boolean running) {
        this.settings = settings;
        this.state = running ? "Running" : "PoweredOff";
        this.registered = MachineObject.registered(this);
        if (running) {
            // A running VM's process holds the write lock for the whole run (LockType VM).
            sessionMachine = registered.sessionCopy();
        }
    }

    boolean locked() {
        return sessionMachine != null;
    }

    String name() {
        return settings.name();
    }

    String guestProperty(String name, String serverVersion) {
        String stored = settings.guestProperties().get(name);
        if (stored != null) {
            return stored;
        }
        // A running guest reports its Guest Additions: take them to be the server's own version.
        if (state.equals("Running") && name.equals("/VirtualBox/GuestAdd/Version")) {
            return serverVersion;
        }
        return "";
    }
}
