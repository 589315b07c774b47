package org.hvdiag.hyperv.internal;

/**
 * How hvdiag proves who it is to a WinRM host. A closed set: the transport decides per scheme whether
 * plain HTTP is acceptable and how a request is signed. Basic signs every request; NTLM logs each
 * connection on once (the transport runs its challenge round trip). Neither seals messages here, so
 * both need HTTPS.
 */
sealed interface WinrmAuth permits BasicAuth, NtlmAuth {

    /** The scheme's name for messages: Basic, NTLM. */
    String scheme();

    /** The account, as the admin typed it (DOMAIN\\user, user@domain or a local user). */
    String user();

    /** Whether the scheme itself encrypts every message, so that it is safe without TLS. */
    boolean protectsMessages();

    /** The HTTP Authorization header value for one request, or null when the connection's logon covers it. */
    String authorization();
}
