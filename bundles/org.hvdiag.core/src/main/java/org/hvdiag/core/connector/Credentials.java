package org.hvdiag.core.connector;

import java.util.Arrays;

/**
 * A user and password for one connection. The password never appears in {@link #toString()}, so
 * it cannot leak into a log line or an exception message by accident.
 */
public final class Credentials {
    private static final Credentials NONE = new Credentials("", new char[0]);

    private final String user;
    private final char[] password;

    public Credentials(String user, char[] password) {
        this.user = user == null ? "" : user;
        this.password = password == null ? new char[0] : password.clone();
    }

    public static Credentials none() {
        return NONE;
    }

    public String user() {
        return user;
    }

    public char[] password() {
        return password.clone();
    }

    /** Overwrites the password in memory once a connection no longer needs it. */
    public void clear() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password.length == 0 ? "none" : "****") + "]";
    }
}
