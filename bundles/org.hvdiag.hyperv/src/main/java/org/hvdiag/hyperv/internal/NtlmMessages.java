package org.hvdiag.hyperv.internal;

import java.nio.charset.StandardCharsets;

/** The client's two NTLM messages laid out byte by byte (MS-NLMP 2.2.1.1 and 2.2.1.3). */
final class NtlmMessages {
    /** Where the AUTHENTICATE message's MIC sits: after the fixed fields and the Version. */
    static final int MIC_OFFSET = 72;
    private static final int AUTHENTICATE_HEADER = 88;
    /**
     * The Version field: Windows 10 / Server 2016 and later, NTLM revision 15. Sent because a MIC is
     * only found at offset 72 when the Version is present.
     */
    private static final byte[] VERSION = {10, 0, 0, 0, 0, 0, 0, 15};

    private NtlmMessages() {
    }

    /** NEGOTIATE: the flags hvdiag asks for, no domain or workstation (they would only inform an observer). */
    static byte[] negotiate() {
        byte[] m = new byte[40];
        System.arraycopy(NtlmChallenge.SIGNATURE, 0, m, 0, 8);
        Le.put32(m, 8, 1);
        Le.put32(m, 12, NtlmFlags.CLIENT);
        Le.put32(m, 20, 40);
        Le.put32(m, 28, 40);
        System.arraycopy(VERSION, 0, m, 32, 8);
        return m;
    }

    /** AUTHENTICATE with a zero MIC field, which the caller fills once the MIC over all three messages is known. */
    static byte[] authenticate(int flags, byte[] lmResponse, byte[] ntResponse, String domain, String user,
            byte[] encryptedSessionKey) {
        byte[][] payload = {NtlmV2.utf16(domain), NtlmV2.utf16(user), new byte[0], lmResponse, ntResponse,
            encryptedSessionKey};
        // Field descriptors in wire order: LM, NT, domain, user, workstation, session key.
        int[] order = {3, 4, 0, 1, 2, 5};
        int size = AUTHENTICATE_HEADER;
        for (byte[] p : payload) {
            size += p.length;
        }
        byte[] m = new byte[size];
        System.arraycopy(NtlmChallenge.SIGNATURE, 0, m, 0, 8);
        Le.put32(m, 8, 3);
        int[] offsets = new int[payload.length];
        int o = AUTHENTICATE_HEADER;
        for (int i = 0; i < payload.length; i++) {
            offsets[i] = o;
            System.arraycopy(payload[i], 0, m, o, payload[i].length);
            o += payload[i].length;
        }
        for (int f = 0; f < order.length; f++) {
            int p = order[f];
            int at = 12 + 8 * f;
            if (payload[p].length > 0xffff) {
                throw new IllegalArgumentException("an NTLM field longer than 65535 bytes");
            }
            Le.put16(m, at, payload[p].length);
            Le.put16(m, at + 2, payload[p].length);
            Le.put32(m, at + 4, offsets[p]);
        }
        Le.put32(m, 60, flags);
        System.arraycopy(VERSION, 0, m, 64, 8);
        return m;
    }

    /** The scheme WinRM takes raw NTLMSSP tokens under (it also offers it in its 401). */
    static String header(byte[] token) {
        return "Negotiate " + java.util.Base64.getEncoder().encodeToString(token);
    }

    /** The token of a "Negotiate" or "NTLM" challenge among the 401's WWW-Authenticate values, or null. */
    static byte[] token(String wwwAuthenticate) {
        for (String part : wwwAuthenticate.split(",")) {
            String[] t = part.strip().split("\\s+", 2);
            if (t.length == 2 && (t[0].equalsIgnoreCase("Negotiate") || t[0].equalsIgnoreCase("NTLM"))) {
                try {
                    return java.util.Base64.getDecoder().decode(t[1].strip().getBytes(StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
