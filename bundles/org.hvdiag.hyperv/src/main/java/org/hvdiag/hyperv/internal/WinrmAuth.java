package org.hvdiag.hyperv.internal;

/**
 * How hvdiag proves who it is to a WinRM host. A closed set: the transport decides per scheme whether
 * plain HTTP is acceptable and how a request is signed. NTLM (a later step) joins as a second
 * permitted type with a challenge round trip and sealed message bodies, so plain HTTP on 5985 becomes
 * acceptable for it alone.
 */
sealed interface WinrmAuth permits BasicAuth {

    /** The scheme's name for messages: Basic. */
    String scheme();

    /** The account, as the admin typed it (DOMAIN\\user, user@domain or a local user). */
    String user();

    /** Whether the scheme itself encrypts every message, so that it is safe without TLS. */
    boolean protectsMessages();

    /** The HTTP Authorization header value for one request. */
    String authorization();
}
