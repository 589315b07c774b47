package org.hvdiag.hyperv.internal;

/** The signals a WinRS client sends to a command. */
enum SignalCode {
    /** Ends the command and frees it on the host; sent after every command, finished or not. */
    TERMINATE("terminate"),
    /** Interrupts the command, as Ctrl+C in a console. */
    CTRL_C("ctrl_c");

    private final String uri;

    SignalCode(String name) {
        this.uri = WsmanNs.SHELL + "/signal/" + name;
    }

    String uri() {
        return uri;
    }
}
