package org.hvdiag.hyperv.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The NTLMv2 computations of MS-NLMP section 3.3.2 and the MIC of 3.1.5.1.2. Only version 2: LM and
 * NTLMv1 responses are crackable from a captured exchange, so hvdiag never computes them.
 */
final class NtlmV2 {
    private NtlmV2() {
    }

    /** The NT response and the key both sides derive from it. */
    record Proof(byte[] ntChallengeResponse, byte[] sessionBaseKey) {
    }

    /** NTOWFv1: MD4 of the password in UTF-16LE, written from the chars so no String copy of it is made. */
    static byte[] ntHash(char[] password) {
        byte[] utf16 = new byte[password.length * 2];
        for (int i = 0; i < password.length; i++) {
            utf16[2 * i] = (byte) password[i];
            utf16[2 * i + 1] = (byte) (password[i] >>> 8);
        }
        try {
            return Md4.digest(utf16);
        } finally {
            Arrays.fill(utf16, (byte) 0);
        }
    }

    /** NTOWFv2 (= LMOWFv2): HMAC-MD5 keyed with the NT hash over UPPER(user) + domain in UTF-16LE. */
    static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, utf16(user.toUpperCase(Locale.ROOT) + domain));
    }

    /**
     * The client's blob ("temp"): response versions 1 and 1, the time, the client challenge and the
     * target info the client echoes (ending in MsvAvEOL).
     */
    static byte[] clientBlob(long filetime, byte[] clientChallenge, byte[] targetInfo) {
        byte[] temp = new byte[28 + targetInfo.length + 4];
        temp[0] = 1;
        temp[1] = 1;
        for (int i = 0; i < 8; i++) {
            temp[8 + i] = (byte) (filetime >>> (8 * i));
        }
        System.arraycopy(clientChallenge, 0, temp, 16, 8);
        System.arraycopy(targetInfo, 0, temp, 28, targetInfo.length);
        return temp;
    }

    /** NTProofStr = HMAC-MD5(key, ServerChallenge + temp); the response is NTProofStr + temp. */
    static Proof prove(byte[] responseKey, byte[] serverChallenge, byte[] temp) {
        byte[] proofStr = hmacMd5(responseKey, concat(serverChallenge, temp));
        return new Proof(concat(proofStr, temp), hmacMd5(responseKey, proofStr));
    }

    /** LMv2, sent only when the server gave no timestamp (else 24 zero bytes, MS-NLMP 3.1.5.1.2). */
    static byte[] lmv2(byte[] responseKey, byte[] serverChallenge, byte[] clientChallenge) {
        return concat(hmacMd5(responseKey, concat(serverChallenge, clientChallenge)), clientChallenge);
    }

    /** The MIC: HMAC-MD5 keyed with the exported session key over the three messages (MIC field zero). */
    static byte[] mic(byte[] exportedSessionKey, byte[] negotiate, byte[] challenge, byte[] authenticate) {
        return hmacMd5(exportedSessionKey, concat(concat(negotiate, challenge), authenticate));
    }

    /** RC4, which NTLM's key exchange uses to carry the exported session key. */
    static byte[] rc4(byte[] key, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("ARCFOUR");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no RC4, which NTLM's key exchange needs", e);
        }
    }

    static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no HMAC-MD5, which NTLMv2 needs", e);
        }
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no MD5", e);
        }
    }

    static byte[] utf16(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
