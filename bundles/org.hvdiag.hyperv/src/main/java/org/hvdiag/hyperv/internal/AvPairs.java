package org.hvdiag.hyperv.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An NTLM target info list (MS-NLMP 2.2.2.1): what the server says about itself in its CHALLENGE,
 * and what the client echoes back inside its NTLMv2 response with its own additions (flags, channel
 * bindings, target name). Order is kept, MsvAvEOL is implied.
 */
final class AvPairs {
    static final int EOL = 0;
    static final int NB_COMPUTER_NAME = 1;
    static final int NB_DOMAIN_NAME = 2;
    static final int DNS_COMPUTER_NAME = 3;
    static final int FLAGS = 6;
    static final int TIMESTAMP = 7;
    static final int TARGET_NAME = 9;
    static final int CHANNEL_BINDINGS = 10;
    /** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
    static final int FLAG_MIC_PRESENT = 0x2;

    private record Pair(int id, byte[] value) {
    }

    private final List<Pair> pairs = new ArrayList<>();

    static AvPairs parse(byte[] b) throws NtlmException {
        AvPairs r = new AvPairs();
        int o = 0;
        while (true) {
            if (o + 4 > b.length) {
                throw new NtlmException("the target info ends without MsvAvEOL");
            }
            int id = Le.u16(b, o);
            int len = Le.u16(b, o + 2);
            if (id == EOL) {
                return r;
            }
            if (o + 4 + len > b.length) {
                throw new NtlmException("a target info entry runs past its end");
            }
            r.pairs.add(new Pair(id, Arrays.copyOfRange(b, o + 4, o + 4 + len)));
            o += 4 + len;
        }
    }

    byte[] get(int id) {
        for (Pair p : pairs) {
            if (p.id == id) {
                return p.value.clone();
            }
        }
        return null;
    }

    /** A name entry (UTF-16LE), or null when absent. */
    String text(int id) {
        byte[] v = get(id);
        return v == null ? null : new String(v, StandardCharsets.UTF_16LE);
    }

    /** Replaces the entry with this id, or appends it. */
    AvPairs with(int id, byte[] value) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).id == id) {
                pairs.set(i, new Pair(id, value.clone()));
                return this;
            }
        }
        pairs.add(new Pair(id, value.clone()));
        return this;
    }

    byte[] encode() {
        int size = 4;
        for (Pair p : pairs) {
            size += 4 + p.value.length;
        }
        byte[] out = new byte[size];
        int o = 0;
        for (Pair p : pairs) {
            Le.put16(out, o, p.id);
            Le.put16(out, o + 2, p.value.length);
            System.arraycopy(p.value, 0, out, o + 4, p.value.length);
            o += 4 + p.value.length;
        }
        return out;
    }
}
