package org.hvdiag.vboxweb;

/**
 * A failed API call as VirtualBox reports it: the result code and the error text its Main code
 * sets. The web service turns it into a RuntimeFault.
 */
final class VboxError extends Exception {
    private static final long serialVersionUID = 1L;

    final ResultCode code;

    VboxError(ResultCode code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    /** MachineImpl.cpp i_checkStateDependency(MutableStateDep). */
    static VboxError notMutable(String state) {
        return new VboxError(ResultCode.VBOX_E_INVALID_VM_STATE, "The machine is not mutable (state is " + state + ")");
    }

    /** MachineImpl.cpp i_checkStateDependency(MutableOrSavedOrRunningStateDep). */
    static VboxError notMutableSavedOrRunning(String state) {
        return new VboxError(ResultCode.VBOX_E_INVALID_VM_STATE,
                "The machine is not mutable, saved or running (state is " + state + ")");
    }

    /** AutoCaller.cpp: a call on an object that was uninitialised (a session machine after unlock). */
    static VboxError notReady() {
        return new VboxError(ResultCode.E_ACCESSDENIED, "The object is not ready");
    }
}
