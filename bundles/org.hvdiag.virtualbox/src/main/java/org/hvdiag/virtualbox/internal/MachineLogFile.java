package org.hvdiag.virtualbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

import org.hvdiag.core.connector.ConnectorException;
import org.hvdiag.core.evidence.LogFile;

/**
 * One VM log read through the web service: IMachine::readLog(idx, offset, size) hands out at most
 * 512 KiB a call (MachineImpl.cpp caps the chunk so the SOAP answer stays under 1 MB), base64 in
 * the answer, and fewer bytes, none at all, at the end of the file (IPRT's read-at returns what
 * is there). VirtualBox has no call for a log's size, so {@link #size()} finds the end by reading
 * single bytes: doubling offsets until one answers empty, then halving the gap, about 2 log2(size)
 * calls of a few hundred bytes each (some 46 calls for a 10 MB log) instead of reading the log
 * from its start. The log of a running VM grows meanwhile: the tail read stops at the size found.
 */
final class MachineLogFile implements LogFile {
    /** MachineImpl.cpp Machine::readLog: {@code RT_MIN(aSize, _512K)}. */
    static final int MAX_CHUNK = 512 * 1024;
    /** The first chunk of a stream: the header read wants 4 KiB, a tail read grows to MAX_CHUNK. */
    private static final int FIRST_CHUNK = 16 * 1024;

    private final VboxWeb web;
    private final String machine;
    private final int index;
    private final String name;

    MachineLogFile(VboxWeb web, String machine, int index, String name) {
        this.web = web;
        this.machine = machine;
        this.index = index;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() throws IOException {
        if (read(0, 1).length == 0) {
            return 0;
        }
        long present = 0; // a byte is there
        long past = 1;    // no byte is there, once found
        while (read(past, 1).length > 0) {
            present = past;
            past = past * 2;
        }
        while (past - present > 1) {
            long mid = present + (past - present) / 2;
            if (read(mid, 1).length > 0) {
                present = mid;
            } else {
                past = mid;
            }
        }
        return present + 1;
    }

    @Override
    public InputStream open(long offset) {
        return new InputStream() {
            private long position = offset;
            private byte[] chunk = new byte[0];
            private int at;
            private int next = FIRST_CHUNK;
            private boolean end;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (at == chunk.length) {
                    if (end) {
                        return -1;
                    }
                    chunk = MachineLogFile.this.read(position, Math.max(next, Math.min(len, MAX_CHUNK)));
                    at = 0;
                    position += chunk.length;
                    next = Math.min(next * 2, MAX_CHUNK);
                    if (chunk.length == 0) {
                        end = true;
                        return -1;
                    }
                }
                int n = Math.min(len, chunk.length - at);
                System.arraycopy(chunk, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    private byte[] read(long offset, int size) throws IOException {
        String data;
        try {
            data = web.call("IMachine_readLog", "_this", machine, "idx", Integer.toString(index),
                    "offset", Long.toString(offset), "size", Integer.toString(size)).value();
        } catch (ConnectorException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            return Base64.getMimeDecoder().decode(data.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("IMachine_readLog of " + name + " at " + offset + " answered no base64 ("
                    + e.getMessage() + ")");
        }
    }
}
