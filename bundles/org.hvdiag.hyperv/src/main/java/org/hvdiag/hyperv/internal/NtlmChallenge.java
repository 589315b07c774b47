package org.hvdiag.hyperv.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server's CHALLENGE (MS-NLMP 2.2.1.2) as received, kept whole because the MIC covers its exact bytes.
 *
 * @param targetName the server's (or its domain's) NetBIOS name
 */
record NtlmChallenge(byte[] message, int flags, byte[] serverChallenge, String targetName, AvPairs targetInfo) {
    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    static NtlmChallenge parse(byte[] m) throws NtlmException {
        if (m.length < 48 || !Arrays.equals(Arrays.copyOf(m, 8), SIGNATURE) || Le.u32(m, 8) != 2) {
            throw new NtlmException("the host's answer is not an NTLM CHALLENGE message");
        }
        int flags = Le.u32(m, 20);
        if ((flags & NtlmFlags.TARGET_INFO) == 0) {
            // Without target info there is no NTLMv2: the host would take only LM or NTLMv1 responses.
            throw new NtlmException("the host offers no NTLMv2 (its CHALLENGE has no target info); hvdiag refuses "
                    + "LM and NTLMv1, whose responses can be cracked from a captured exchange");
        }
        boolean unicode = (flags & NtlmFlags.UNICODE) != 0;
        byte[] name = field(m, 12);
        return new NtlmChallenge(m.clone(), flags, Arrays.copyOfRange(m, 24, 32),
                new String(name, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII),
                AvPairs.parse(field(m, 40)));
    }

    /** A (length, max length, offset) field's bytes. */
    static byte[] field(byte[] m, int at) throws NtlmException {
        int len = Le.u16(m, at);
        long offset = Le.u32(m, at + 4) & 0xffffffffL;
        if (offset + len > m.length) {
            throw new NtlmException("an NTLM message field points past the message's end");
        }
        return Arrays.copyOfRange(m, (int) offset, (int) offset + len);
    }

    /** The server's timestamp (FILETIME), or -1 when it sent none. */
    long timestamp() {
        byte[] t = targetInfo.get(AvPairs.TIMESTAMP);
        return t == null || t.length != 8 ? -1 : Le.u64(t, 0);
    }

    @Override
    public byte[] message() {
        return message.clone();
    }
}
