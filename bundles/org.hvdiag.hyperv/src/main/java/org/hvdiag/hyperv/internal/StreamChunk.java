package org.hvdiag.hyperv.internal;

/**
 * One rsp:Stream element of a Receive reply, decoded from base64.
 *
 * @param name stdout or stderr (for PSRP shells also others)
 * @param commandId null when the shell sends stream data without one (PSRP's runspace output)
 * @param end End="true": the command will write no more to this stream
 */
record StreamChunk(String name, String commandId, byte[] data, boolean end) {
    StreamChunk {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int length() {
        return data.length;
    }
}
