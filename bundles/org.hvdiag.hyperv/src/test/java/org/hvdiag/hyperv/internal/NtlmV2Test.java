package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * MS-NLMP section 4.2.4 (NTLMv2 authentication example): user "User", domain "Domain", password
 * "Password", server challenge 0123456789abcdef, client challenge aa * 8, time 0, random session key
 * 55 * 16, the server's target info NbDomainName "Domain", NbComputerName "Server". Every expected
 * value below is the document's, not computed by hvdiag.
 */
class NtlmV2Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final byte[] CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");
    /** 2.2.2.1 pairs as 4.2.4 lists them: NbDomainName "Domain", NbComputerName "Server", MsvAvEOL. */
    private static final byte[] TARGET_INFO = HEX.parseHex(
            "02000c0044006f006d00610069006e00" + "01000c00530065007200760065007200" + "00000000");

    private static byte[] responseKey() {
        return NtlmV2.ntowfv2(NtlmV2.ntHash("Password".toCharArray()), "User", "Domain");
    }

    @Test
    void ntowfv2() {
        assertEquals("0c868a403bfd7a93a3001ef22ef02e3f", HEX.formatHex(responseKey()));
    }

    @Test
    void lmv2Response() {
        assertEquals("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa",
                HEX.formatHex(NtlmV2.lmv2(responseKey(), SERVER_CHALLENGE, CLIENT_CHALLENGE)));
    }

    @Test
    void ntProofStrAndSessionBaseKey() {
        byte[] temp = NtlmV2.clientBlob(0, CLIENT_CHALLENGE, TARGET_INFO);
        NtlmV2.Proof p = NtlmV2.prove(responseKey(), SERVER_CHALLENGE, temp);
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", HEX.formatHex(p.ntChallengeResponse(), 0, 16));
        assertEquals(HEX.formatHex(temp), HEX.formatHex(p.ntChallengeResponse(), 16, p.ntChallengeResponse().length),
                "the response is NTProofStr followed by temp");
        assertEquals("8de40ccadbc14a82f15cb0ad0de95ca3", HEX.formatHex(p.sessionBaseKey()));
    }

    @Test
    void encryptedRandomSessionKey() {
        byte[] base = HEX.parseHex("8de40ccadbc14a82f15cb0ad0de95ca3");
        assertEquals("c5dad2544fc9799094ce1ce90bc9d03e",
                HEX.formatHex(NtlmV2.rc4(base, HEX.parseHex("55555555555555555555555555555555"))));
    }

    @Test
    void targetInfoRoundTrips() throws Exception {
        AvPairs p = AvPairs.parse(TARGET_INFO);
        assertEquals("Domain", p.text(AvPairs.NB_DOMAIN_NAME));
        assertEquals("Server", p.text(AvPairs.NB_COMPUTER_NAME));
        assertEquals(HEX.formatHex(TARGET_INFO), HEX.formatHex(p.encode()));
    }
}
