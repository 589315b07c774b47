package org.hvdiag.winrm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * HTTP Basic authentication as a WinRM listener with Basic enabled checks it. User names compare
 * without case, as Windows account names do; the password compares in constant time.
 */
final class BasicAuth {
    enum Outcome { ACCEPTED, DENIED, UNAUTHORIZED }

    /** An outcome and, when accepted or denied, the user the request authenticated as. */
    record Result(Outcome outcome, String user) {
    }

    private final String user;
    private final byte[] password;
    private final String deniedUser;

    BasicAuth(String user, String password, String deniedUser) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.deniedUser = deniedUser;
    }

    Result check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Result(Outcome.UNAUTHORIZED, null);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.UNAUTHORIZED, null);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Result(Outcome.UNAUTHORIZED, null);
        }
        String given = decoded.substring(0, colon);
        boolean passwordOk = MessageDigest.isEqual(password, decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        String name = accountName(given);
        if (passwordOk && name.equals(accountName(user))) {
            return new Result(Outcome.ACCEPTED, given);
        }
        if (passwordOk && deniedUser != null && name.equals(accountName(deniedUser))) {
            return new Result(Outcome.DENIED, given);
        }
        return new Result(Outcome.UNAUTHORIZED, null);
    }

    /** "HOST\\user", "user@host" and "user" name the same local account. */
    static String accountName(String s) {
        String n = s.substring(s.lastIndexOf('\\') + 1);
        int at = n.indexOf('@');
        return (at >= 0 ? n.substring(0, at) : n).toLowerCase(Locale.ROOT);
    }
}
