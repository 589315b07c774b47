package org.hvdiag.hyperv.internal;

/**
 * NTLMv2 (MS-NLMP) as a WinRM listener takes it under the "Negotiate" scheme: one logon per TCP
 * connection, after which the connection's requests carry no Authorization header. The password never
 * leaves this machine; the host gets a proof bound to its challenge and to its TLS certificate. hvdiag
 * does not seal messages (MS-WSMV's multipart/encrypted), so plain HTTP stays refused with NTLM too.
 */
final class NtlmAuth implements WinrmAuth {
    private final NtlmAccount account;

    NtlmAuth(String user, char[] password) {
        this.account = new NtlmAccount(user, password);
    }

    @Override
    public String scheme() {
        return "NTLM";
    }

    @Override
    public String user() {
        return account.typed();
    }

    @Override
    public boolean protectsMessages() {
        return false;
    }

    /** NTLM authenticates connections, not requests: the first request of a connection goes through {@link #logon()}. */
    @Override
    public String authorization() {
        return null;
    }

    NtlmLogon logon() {
        return new NtlmLogon(account);
    }

    @Override
    public String toString() {
        return "NTLM[user=" + account.typed() + "]";
    }
}
