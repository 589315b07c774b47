package org.hvdiag.hyperv.internal;

import java.util.List;

/** What a WinRM host answered, as far as hvdiag needs it: one of a closed set of replies. */
sealed interface WsmanReply {

    /** The Action header of the reply ("" when it had none). */
    String action();

    /** Create answered: the new shell's id. */
    record ShellCreated(String action, String shellId) implements WsmanReply {
    }

    /** Command answered: the id of the started command. */
    record CommandStarted(String action, String commandId) implements WsmanReply {
    }

    /**
     * Receive answered: output chunks in the order sent, and the command's state if the reply said it.
     *
     * @param state null when the reply carried no CommandState (PSRP shells leave it out)
     */
    record Received(String action, List<StreamChunk> chunks, CommandState state) implements WsmanReply {
        public Received {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * Enumerate or Pull answered.
     *
     * @param context the EnumerationContext to Pull with; null once the sequence has ended
     * @param items the items of this reply (an optimized Enumerate carries the first ones)
     */
    record Enumerated(String action, String context, List<EnumItem> items, boolean endOfSequence)
            implements WsmanReply {
        public Enumerated {
            items = List.copyOf(items);
        }
    }

    /** A SOAP fault. */
    record Fault(String action, WsmanFault fault) implements WsmanReply {
    }

    /** Any other answer (Signal, Delete, Get): it says only that the host did it. */
    record Acknowledged(String action, String bodyElement) implements WsmanReply {
    }
}
