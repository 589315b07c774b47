package org.hvdiag.hyperv.internal;

/**
 * The rsp:CommandState of a Receive reply.
 *
 * @param state the full State URI (.../CommandState/Running, .../Done, .../Pending)
 * @param exitCode present once Done; null before
 */
record CommandState(String commandId, String state, Long exitCode) {

    boolean done() {
        return WsmanNs.COMMAND_STATE_DONE.equals(state);
    }
}
