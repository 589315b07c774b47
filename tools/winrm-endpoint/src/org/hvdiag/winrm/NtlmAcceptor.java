package org.hvdiag.winrm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * NTLMv2 as a Windows WinRM listener accepts it under "Negotiate" (raw NTLMSSP tokens): NEGOTIATE in,
 * CHALLENGE out (with a timestamp, so clients add a MIC), AUTHENTICATE checked (MS-NLMP 3.2.5.1.2): the
 * NTLMv2 proof against the password, the MIC when flagged, and the channel bindings against this
 * endpoint's certificate when the client sent them (Windows' default Extended Protection, "Relaxed":
 * missing bindings pass, wrong ones do not). LM and NTLMv1 responses are refused. A logon belongs to
 * one TLS connection, whose later requests need no Authorization header.
 */
final class NtlmAcceptor {
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final int UNICODE = 0x1;
    private static final int REQUEST_TARGET = 0x4;
    private static final int NTLM = 0x200;
    private static final int ALWAYS_SIGN = 0x8000;
    private static final int TARGET_TYPE_SERVER = 0x20000;
    private static final int EXTENDED_SESSIONSECURITY = 0x80000;
    private static final int TARGET_INFO = 0x800000;
    private static final int VERSION = 0x02000000;
    private static final int KEY_EXCH = 0x40000000;
    private static final int OFFERED = UNICODE | NTLM | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY | VERSION | 0x20000000
            | KEY_EXCH | 0x80000000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a token led to: a CHALLENGE to send in a 401, or the logon's result. */
    record Step(byte[] challenge, BasicAuth.Result result) {
    }

    private record Pending(byte[] negotiate, byte[] challenge) {
    }

    private final String user;
    private final byte[] ntHash;
    private final String deniedUser;
    private final String computer;
    private final byte[] channelBindings;
    private final Map<Object, Pending> pending = lru();
    private final Map<Object, BasicAuth.Result> loggedOn = lru();

    /** @param certificateDer this endpoint's TLS certificate, whose tls-server-end-point hash clients bind to */
    NtlmAcceptor(String user, String password, String deniedUser, String computer, byte[] certificateDer) {
        this.user = user;
        this.ntHash = Md4.digest(password.getBytes(StandardCharsets.UTF_16LE));
        this.deniedUser = deniedUser;
        this.computer = computer.toUpperCase(Locale.ROOT);
        this.channelBindings = channelBindings(certificateDer);
    }

    /** The logon of a connection that completed one, or null. */
    synchronized BasicAuth.Result loggedOn(Object connection) {
        return loggedOn.get(connection);
    }

    synchronized Step step(Object connection, byte[] token) {
        loggedOn.remove(connection);
        if (token.length >= 12 && Arrays.equals(Arrays.copyOf(token, 8), SIGNATURE) && u32(token, 8) == 1) {
            byte[] challenge = challenge(u32(token, 12));
            pending.put(connection, new Pending(token.clone(), challenge));
            return new Step(challenge, null);
        }
        Pending p = pending.remove(connection);
        BasicAuth.Result r = p == null ? unauthorized() : authenticate(p, token);
        if (r.outcome() != BasicAuth.Outcome.UNAUTHORIZED) {
            loggedOn.put(connection, r);
        }
        return new Step(null, r);
    }

    private byte[] challenge(int clientFlags) {
        byte[] name = utf16(computer);
        byte[] time = new byte[8];
        long filetime = System.currentTimeMillis() * 10_000 + 116_444_736_000_000_000L;
        for (int i = 0; i < 8; i++) {
            time[i] = (byte) (filetime >>> (8 * i));
        }
        // A standalone host: its domain for local accounts is its own name.
        byte[] info = concat(av(2, name), av(1, name), av(3, utf16(computer.toLowerCase(Locale.ROOT))), av(7, time),
                new byte[4]);
        byte[] m = new byte[56 + name.length + info.length];
        System.arraycopy(SIGNATURE, 0, m, 0, 8);
        put32(m, 8, 2);
        put16(m, 12, name.length);
        put16(m, 14, name.length);
        put32(m, 16, 56);
        put32(m, 20, (clientFlags & OFFERED) | UNICODE | NTLM | TARGET_INFO | TARGET_TYPE_SERVER | REQUEST_TARGET | VERSION);
        byte[] serverChallenge = new byte[8];
        RANDOM.nextBytes(serverChallenge);
        System.arraycopy(serverChallenge, 0, m, 24, 8);
        put16(m, 40, info.length);
        put16(m, 42, info.length);
        put32(m, 44, 56 + name.length);
        m[48] = 10;
        m[55] = 15;
        System.arraycopy(name, 0, m, 56, name.length);
        System.arraycopy(info, 0, m, 56 + name.length, info.length);
        return m;
    }

    private BasicAuth.Result authenticate(Pending p, byte[] m) {
        try {
            if (m.length < 64 || !Arrays.equals(Arrays.copyOf(m, 8), SIGNATURE) || u32(m, 8) != 3) {
                return unauthorized();
            }
            byte[] nt = field(m, 20);
            if (nt.length <= 24) {
                return unauthorized(); // an NTLMv1 (or LM-only) response: refused, as hardened Windows hosts do
            }
            String domain = new String(field(m, 28), StandardCharsets.UTF_16LE);
            String name = new String(field(m, 36), StandardCharsets.UTF_16LE);
            byte[] key = hmac(ntHash, utf16(name.toUpperCase(Locale.ROOT) + domain));
            byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
            byte[] proof = hmac(key, concat(Arrays.copyOfRange(p.challenge, 24, 32), temp));
            if (!MessageDigest.isEqual(proof, Arrays.copyOf(nt, 16))) {
                return unauthorized();
            }
            byte[] cbt = av(temp, 28, 10);
            if (cbt != null && !Arrays.equals(cbt, new byte[16]) && !MessageDigest.isEqual(cbt, channelBindings)) {
                return unauthorized(); // bound to another certificate: relayed through a TLS interceptor
            }
            byte[] flags = av(temp, 28, 6);
            if (flags != null && flags.length == 4 && (u32(flags, 0) & 0x2) != 0) {
                byte[] base = hmac(key, proof);
                byte[] exported = (u32(m, 60) & KEY_EXCH) != 0 ? rc4(base, field(m, 52)) : base;
                byte[] zeroed = m.clone();
                Arrays.fill(zeroed, 72, 88, (byte) 0);
                byte[] mic = hmac(exported, concat(p.negotiate, p.challenge, zeroed));
                if (!MessageDigest.isEqual(mic, Arrays.copyOfRange(m, 72, 88))) {
                    return unauthorized();
                }
            }
            String who = domain.isEmpty() ? name : domain + "\\" + name;
            // A UPN (user@domain) comes as the user name with an empty domain, as Windows accepts it.
            String account = BasicAuth.accountName(name);
            if (account.equals(BasicAuth.accountName(user))) {
                return new BasicAuth.Result(BasicAuth.Outcome.ACCEPTED, who);
            }
            if (deniedUser != null && account.equals(BasicAuth.accountName(deniedUser))) {
                return new BasicAuth.Result(BasicAuth.Outcome.DENIED, who);
            }
            return unauthorized();
        } catch (IndexOutOfBoundsException e) {
            return unauthorized(); // a field pointing past the message
        }
    }

    private static BasicAuth.Result unauthorized() {
        return new BasicAuth.Result(BasicAuth.Outcome.UNAUTHORIZED, null);
    }

    /** MD5 of the GSS channel bindings: no addresses, "tls-server-end-point:" + SHA-256 of the certificate. */
    private static byte[] channelBindings(byte[] certificateDer) {
        try {
            byte[] data = concat("tls-server-end-point:".getBytes(StandardCharsets.US_ASCII),
                    MessageDigest.getInstance("SHA-256").digest(certificateDer));
            byte[] struct = new byte[20 + data.length];
            put32(struct, 16, data.length);
            System.arraycopy(data, 0, struct, 20, data.length);
            return MessageDigest.getInstance("MD5").digest(struct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of AV pair {@code id} in a target info list starting at {@code from}, or null. */
    private static byte[] av(byte[] b, int from, int id) {
        for (int o = from; o + 4 <= b.length; ) {
            int type = u16(b, o);
            int len = u16(b, o + 2);
            if (type == 0) {
                return null;
            }
            if (type == id) {
                return Arrays.copyOfRange(b, o + 4, o + 4 + len);
            }
            o += 4 + len;
        }
        return null;
    }

    private static byte[] av(int id, byte[] value) {
        byte[] b = new byte[4 + value.length];
        put16(b, 0, id);
        put16(b, 2, value.length);
        System.arraycopy(value, 0, b, 4, value.length);
        return b;
    }

    private static byte[] field(byte[] m, int at) {
        int len = u16(m, at);
        int offset = u32(m, at + 4);
        if (offset < 0 || offset + len > m.length) {
            throw new IndexOutOfBoundsException();
        }
        return Arrays.copyOfRange(m, offset, offset + len);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rc4(byte[] key, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("ARCFOUR");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int o) {
        return u16(b, o) | u16(b, o + 2) << 16;
    }

    private static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    private static void put32(byte[] b, int o, int v) {
        put16(b, o, v);
        put16(b, o + 2, v >>> 16);
    }

    /** Connection state for the most recent connections only: a client that never finishes costs nothing lasting. */
    private static <V> Map<Object, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, V> eldest) {
                return size() > 4096;
            }
        };
    }
}
