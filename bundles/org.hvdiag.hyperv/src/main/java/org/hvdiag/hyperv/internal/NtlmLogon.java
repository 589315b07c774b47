package org.hvdiag.hyperv.internal;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One NTLMv2 logon of one connection: NEGOTIATE out, CHALLENGE in, AUTHENTICATE out. NTLM authenticates
 * the TCP connection, not a request, so a new connection needs a new logon. The AUTHENTICATE echoes the
 * server's target info and adds: MsvAvFlags with MIC-present and the MIC when the server sent a
 * timestamp (so a man in the middle cannot strip flags), the SPN HTTP/host, and the channel bindings
 * (so the response is worth nothing on a TLS connection to another certificate: Extended Protection).
 */
final class NtlmLogon {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 100 ns ticks from 1601-01-01 to 1970-01-01. */
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    private final NtlmAccount account;
    private final byte[] negotiate = NtlmMessages.negotiate();
    private String accountSent;

    NtlmLogon(NtlmAccount account) {
        this.account = account;
    }

    byte[] negotiate() {
        return negotiate.clone();
    }

    /** DOMAIN\\user as the AUTHENTICATE named it, for messages (null before it is sent). */
    String accountSent() {
        return accountSent;
    }

    /**
     * @param channelBindings MD5 of the gss channel bindings (16 bytes; see ChannelBindings)
     * @param spn the service the client means, HTTP/host
     */
    byte[] authenticate(byte[] challengeMessage, byte[] channelBindings, String spn) throws NtlmException {
        byte[] clientChallenge = new byte[8];
        byte[] sessionKey = new byte[16];
        RANDOM.nextBytes(clientChallenge);
        RANDOM.nextBytes(sessionKey);
        long now = System.currentTimeMillis() * 10_000 + FILETIME_UNIX_EPOCH;
        return authenticate(NtlmChallenge.parse(challengeMessage), channelBindings, spn, now, clientChallenge, sessionKey);
    }

    /** The same with the random values and the clock given, so a test can check exact bytes. */
    byte[] authenticate(NtlmChallenge challenge, byte[] channelBindings, String spn, long now, byte[] clientChallenge,
            byte[] randomSessionKey) throws NtlmException {
        if ((challenge.flags() & NtlmFlags.UNICODE) == 0) {
            throw new NtlmException("the host's CHALLENGE does not take Unicode; hvdiag speaks only Unicode NTLMv2");
        }
        int flags = challenge.flags() & NtlmFlags.CLIENT;
        long serverTime = challenge.timestamp();
        boolean mic = serverTime >= 0;
        AvPairs echo = AvPairs.parse(challenge.targetInfo().encode());
        if (mic) {
            byte[] old = echo.get(AvPairs.FLAGS);
            byte[] f = new byte[4];
            Le.put32(f, 0, (old == null || old.length != 4 ? 0 : Le.u32(old, 0)) | AvPairs.FLAG_MIC_PRESENT);
            echo.with(AvPairs.FLAGS, f);
        }
        echo.with(AvPairs.TARGET_NAME, NtlmV2.utf16(spn));
        echo.with(AvPairs.CHANNEL_BINDINGS, channelBindings);

        String domain = account.domainFor(challenge);
        byte[] key = account.responseKey(challenge);
        try {
            byte[] temp = NtlmV2.clientBlob(mic ? serverTime : now, clientChallenge, echo.encode());
            NtlmV2.Proof proof = NtlmV2.prove(key, challenge.serverChallenge(), temp);
            // With the server's timestamp the LM response is 24 zero bytes (MS-NLMP 3.1.5.1.2): nothing to attack.
            byte[] lm = mic ? new byte[24] : NtlmV2.lmv2(key, challenge.serverChallenge(), clientChallenge);
            byte[] exported = proof.sessionBaseKey();
            byte[] encrypted = new byte[0];
            if ((flags & NtlmFlags.KEY_EXCH) != 0) {
                exported = randomSessionKey.clone();
                encrypted = NtlmV2.rc4(proof.sessionBaseKey(), exported);
            }
            byte[] message = NtlmMessages.authenticate(flags, lm, proof.ntChallengeResponse(), domain, account.user(),
                    encrypted);
            if (mic) {
                byte[] code = NtlmV2.mic(exported, negotiate, challenge.message(), message);
                System.arraycopy(code, 0, message, NtlmMessages.MIC_OFFSET, 16);
            }
            Arrays.fill(exported, (byte) 0);
            accountSent = domain + "\\" + account.user();
            return message;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
