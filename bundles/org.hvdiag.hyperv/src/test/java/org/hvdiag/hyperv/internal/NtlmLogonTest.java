package org.hvdiag.hyperv.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The client's messages read back field by field, as a server would. The values hvdiag must compute
 * are checked against MS-NLMP's example in NtlmV2Test and against gss-ntlmssp in NtlmInteropTest;
 * this checks the layout and the refusals.
 */
class NtlmLogonTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PASSWORD = "Password";

    /** A CHALLENGE as a server builds it: flags, challenge 0123456789abcdef, target name, target info. */
    private static byte[] challenge(int flags, boolean timestamp) {
        AvPairs info = new AvPairs().with(AvPairs.NB_DOMAIN_NAME, NtlmV2.utf16("LAB"))
                .with(AvPairs.NB_COMPUTER_NAME, NtlmV2.utf16("HV-LAB-01"));
        if (timestamp) {
            info.with(AvPairs.TIMESTAMP, HEX.parseHex("0080a5e1d8c3d901"));
        }
        byte[] name = NtlmV2.utf16("LAB");
        byte[] ti = info.encode();
        byte[] m = new byte[56 + name.length + ti.length];
        System.arraycopy(NtlmChallenge.SIGNATURE, 0, m, 0, 8);
        Le.put32(m, 8, 2);
        Le.put16(m, 12, name.length);
        Le.put16(m, 14, name.length);
        Le.put32(m, 16, 56);
        Le.put32(m, 20, flags);
        System.arraycopy(HEX.parseHex("0123456789abcdef"), 0, m, 24, 8);
        Le.put16(m, 40, ti.length);
        Le.put16(m, 42, ti.length);
        Le.put32(m, 44, 56 + name.length);
        System.arraycopy(name, 0, m, 56, name.length);
        System.arraycopy(ti, 0, m, 56 + name.length, ti.length);
        return m;
    }

    private static final int SERVER_FLAGS = NtlmFlags.CLIENT | NtlmFlags.TARGET_INFO | NtlmFlags.LM_KEY;
    private static final byte[] CBT = HEX.parseHex("00112233445566778899aabbccddeeff");

    private static byte[] authenticate(String user, byte[] challenge) throws NtlmException {
        NtlmLogon logon = new NtlmLogon(new NtlmAccount(user, PASSWORD.toCharArray()));
        return logon.authenticate(NtlmChallenge.parse(challenge), CBT, "HTTP/hv-lab-01", 0x01d9c3d8e1a58000L + 1,
                HEX.parseHex("aaaaaaaaaaaaaaaa"), HEX.parseHex("55555555555555555555555555555555"));
    }

    private static String text(byte[] m, int field) throws NtlmException {
        return new String(NtlmChallenge.field(m, field), StandardCharsets.UTF_16LE);
    }

    @Test
    void negotiateAsksForNtlmV2WithoutLmKey() {
        byte[] m = NtlmMessages.negotiate();
        assertEquals(1, Le.u32(m, 8));
        int flags = Le.u32(m, 12);
        assertEquals(NtlmFlags.EXTENDED_SESSIONSECURITY, flags & NtlmFlags.EXTENDED_SESSIONSECURITY);
        assertEquals(0, flags & NtlmFlags.LM_KEY);
    }

    @Test
    void authenticateWithTimestampCarriesMicZeroLmAndTheBindings() throws Exception {
        byte[] chal = challenge(SERVER_FLAGS, true);
        NtlmLogon logon = new NtlmLogon(new NtlmAccount("LAB\\alice", PASSWORD.toCharArray()));
        byte[] m = logon.authenticate(NtlmChallenge.parse(chal), CBT, "HTTP/hv-lab-01", 5,
                HEX.parseHex("aaaaaaaaaaaaaaaa"), HEX.parseHex("55555555555555555555555555555555"));
        assertEquals(3, Le.u32(m, 8));
        assertArrayEquals(new byte[24], NtlmChallenge.field(m, 12), "no LM response when the server sent its time");
        assertEquals("LAB", text(m, 28));
        assertEquals("alice", text(m, 36));
        assertEquals("LAB\\alice", logon.accountSent());
        int flags = Le.u32(m, 60);
        assertEquals(0, flags & NtlmFlags.LM_KEY, "the server offered LM_KEY; the client must not take it");

        byte[] nt = NtlmChallenge.field(m, 20);
        byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
        assertEquals("0080a5e1d8c3d901", HEX.formatHex(temp, 8, 16), "the server's timestamp, not the client's clock");
        AvPairs echoed = AvPairs.parse(Arrays.copyOfRange(temp, 28, temp.length));
        assertEquals("HV-LAB-01", echoed.text(AvPairs.NB_COMPUTER_NAME));
        assertArrayEquals(CBT, echoed.get(AvPairs.CHANNEL_BINDINGS));
        assertEquals("HTTP/hv-lab-01", echoed.text(AvPairs.TARGET_NAME));
        assertEquals(AvPairs.FLAG_MIC_PRESENT, Le.u32(echoed.get(AvPairs.FLAGS), 0));

        // The MIC as a server checks it: session base key from the proof, exported key by RC4, HMAC over the three.
        byte[] key = NtlmV2.ntowfv2(NtlmV2.ntHash(PASSWORD.toCharArray()), "alice", "LAB");
        byte[] base = NtlmV2.prove(key, HEX.parseHex("0123456789abcdef"), temp).sessionBaseKey();
        byte[] exported = NtlmV2.rc4(base, NtlmChallenge.field(m, 52));
        assertEquals("55555555555555555555555555555555", HEX.formatHex(exported));
        byte[] zeroed = m.clone();
        Arrays.fill(zeroed, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16, (byte) 0);
        assertArrayEquals(NtlmV2.mic(exported, NtlmMessages.negotiate(), chal, zeroed),
                Arrays.copyOfRange(m, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16));
    }

    @Test
    void withoutTimestampLmv2AndNoMic() throws Exception {
        byte[] m = authenticate("alice@lab.example", challenge(SERVER_FLAGS, false));
        assertEquals("lab.example", text(m, 28));
        byte[] lm = NtlmChallenge.field(m, 12);
        assertEquals(24, lm.length);
        assertEquals("aaaaaaaaaaaaaaaa", HEX.formatHex(lm, 16, 24), "LMv2 ends in the client challenge");
        assertArrayEquals(new byte[16], Arrays.copyOfRange(m, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16));
    }

    @Test
    void aLocalAccountTakesTheHostsComputerNameAsDomain() throws Exception {
        NtlmLogon logon = new NtlmLogon(new NtlmAccount("alice", PASSWORD.toCharArray()));
        byte[] m = logon.authenticate(challenge(SERVER_FLAGS, true), CBT, "HTTP/hv-lab-01");
        assertEquals("HV-LAB-01", text(m, 28));
        assertEquals("HV-LAB-01\\alice", logon.accountSent());
    }

    @Test
    void noKeyExchangeWhenTheServerDoesNotOfferIt() throws Exception {
        byte[] m = authenticate("LAB\\alice", challenge(SERVER_FLAGS & ~NtlmFlags.KEY_EXCH, true));
        assertEquals(0, NtlmChallenge.field(m, 52).length);
        assertEquals(0, Le.u32(m, 60) & NtlmFlags.KEY_EXCH);
    }

    @Test
    void aChallengeWithoutTargetInfoIsRefusedAsNtlmV1Only() {
        NtlmException e = assertThrows(NtlmException.class,
                () -> NtlmChallenge.parse(challenge(SERVER_FLAGS & ~NtlmFlags.TARGET_INFO, true)));
        assertTrue(e.getMessage().contains("refuses LM and NTLMv1"), e.getMessage());
    }

    @Test
    void garbageIsNotAChallenge() {
        assertThrows(NtlmException.class, () -> NtlmChallenge.parse("NTLMSSP\0garbage".getBytes(StandardCharsets.US_ASCII)));
        byte[] bad = challenge(SERVER_FLAGS, true);
        Le.put32(bad, 44, 4000);
        assertThrows(NtlmException.class, () -> NtlmChallenge.parse(bad));
    }

    @Test
    void accountFormsAndNoSecretInToString() {
        assertThrows(IllegalArgumentException.class, () -> new NtlmAccount("LAB\\", PASSWORD.toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> new NtlmAccount("alice@", PASSWORD.toCharArray()));
        NtlmAuth a = new NtlmAuth("LAB\\alice", PASSWORD.toCharArray());
        assertEquals("NTLM[user=LAB\\alice]", a.toString());
        String hash = HEX.formatHex(NtlmV2.ntHash(PASSWORD.toCharArray()));
        assertFalse(a.toString().contains(PASSWORD) || a.toString().toLowerCase().contains(hash));
    }
}
