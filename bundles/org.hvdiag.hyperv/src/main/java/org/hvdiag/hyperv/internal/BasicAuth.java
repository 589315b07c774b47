package org.hvdiag.hyperv.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * HTTP Basic: the password travels with every request, readable by anyone who sees the request, so
 * only inside TLS. A class rather than a record so neither toString nor equals ever touches the password.
 */
final class BasicAuth implements WinrmAuth {
    private final String user;
    private final char[] password;

    BasicAuth(String user, char[] password) {
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("Basic authentication needs a user name without ':'");
        }
        this.user = user;
        this.password = password.clone();
    }

    @Override
    public String scheme() {
        return "Basic";
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public boolean protectsMessages() {
        return false;
    }

    @Override
    public String authorization() {
        CharBuffer chars = CharBuffer.allocate(user.length() + 1 + password.length);
        chars.put(user).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            // The intermediate copies hold the password in clear: do not leave them to the garbage collector.
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(chars.array(), '\0');
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "Basic[user=" + user + "]";
    }
}
